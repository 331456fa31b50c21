#pragma once

// S3BucketConfig and S3Config are defined once, in core/config (clearml.conf's `sdk.aws.s3`
// section): the storage layer signs with exactly what the configuration loaded. A second
// definition of the same names here broke the one-definition rule (two layouts of
// Trove::S3Config in one library) and made the two headers impossible to include together.
#include "config/clearmlconfig.h"
