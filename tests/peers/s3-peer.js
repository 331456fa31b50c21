#!/usr/bin/env node
// Trove's S3 test peer: a real S3-compatible server (s3rver, in process) behind a proxy that
// VERIFIES every request's AWS Signature V4, because s3rver itself does not (it only checks
// that the access key exists). The proxy recomputes each signature with the `aws4` reference
// implementation from the request's own signed headers, date and body hash, and also checks
// that x-amz-content-sha256 matches the body. A mismatch is answered like AWS: 403 with an
// <Error><Code>SignatureDoesNotMatch</Code>… document (or XAmzContentSHA256Mismatch).
//
// Usage: node s3-peer.js --dir DIR [--bucket NAME]... [--region us-east-1]
// Prints one JSON line on stdout once ready: {"proxyPort":N,"s3rverPort":M,"accessKey":..,"secretKey":..}
// Credentials are s3rver's defaults (S3RVER / S3RVER). Stops on SIGTERM or when stdin closes.
'use strict';

const crypto = require('crypto');
const http = require('http');
const aws4 = require('aws4');
const S3rver = require('s3rver');

const args = process.argv.slice(2);
function opt(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const buckets = args.flatMap((a, i) => (a === '--bucket' ? [args[i + 1]] : []));
const dir = opt('--dir', null);
const region = opt('--region', 'us-east-1');
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
if (!dir) {
  console.error('--dir is required');
  process.exit(2);
}

function xmlError(res, status, code, message) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
    `<Message>${message}</Message></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function verify(req, body) {
  const auth = req.headers.authorization || '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return ['AccessDenied', 'missing or malformed AWS4-HMAC-SHA256 Authorization header'];
  const [, accessKey, date, scopeRegion, signedHeaders, signature] = m;
  if (accessKey !== credentials.accessKeyId) return ['InvalidAccessKeyId', 'unknown access key'];
  if (scopeRegion !== region) return ['AuthorizationHeaderMalformed', `region ${scopeRegion}, expected ${region}`];
  const amzDate = req.headers['x-amz-date'];
  if (!amzDate || !amzDate.startsWith(date)) return ['AccessDenied', 'x-amz-date missing or not matching the scope'];
  const when = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!(Math.abs(Date.now() - when) < 15 * 60 * 1000)) return ['RequestTimeTooSkewed', 'request time too skewed'];
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return ['AccessDenied', 'host and x-amz-date must be signed'];
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (!payloadHash) return ['InvalidRequest', 'x-amz-content-sha256 is required'];
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    const actual = crypto.createHash('sha256').update(body).digest('hex');
    if (actual !== payloadHash) return ['XAmzContentSHA256Mismatch', 'the body does not match x-amz-content-sha256'];
  }
  const headers = {};
  const include = Object.create(null);
  for (const name of names) {
    if (req.headers[name] === undefined) return ['AccessDenied', `signed header ${name} is missing`];
    headers[name] = req.headers[name];
    include[name] = true;
  }
  const signer = new aws4.RequestSigner({
    host: req.headers.host, path: req.url, method: req.method, headers, service: 's3', region,
    doNotModifyHeaders: true, extraHeadersToInclude: include,
  }, credentials);
  signer.datetime = amzDate;
  const expected = signer.signature();
  if (expected !== signature) {
    return ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'];
  }
  return null;
}

async function main() {
  const s3rver = new S3rver({
    address: '127.0.0.1', port: 0, silent: true, directory: dir,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const upstream = await s3rver.run();
  let requests = 0, rejected = 0;

  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      ++requests;
      if (req.url === '/__stats') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ requests, rejected }));
      }
      const failure = verify(req, body);
      if (failure) {
        ++rejected;
        return xmlError(res, 403, failure[0], failure[1]);
      }
      const forward = http.request({
        host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url,
        headers: req.headers,
      }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      forward.on('error', (e) => xmlError(res, 502, 'BadGateway', String(e)));
      forward.end(body);
    });
  });
  proxy.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({
      proxyPort: proxy.address().port, s3rverPort: upstream.port,
      accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey, region,
    }) + '\n');
  });
  const stop = () => { proxy.close(); s3rver.close(() => process.exit(0)); setTimeout(() => process.exit(0), 500); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((e) => { console.error(e); process.exit(1); });
