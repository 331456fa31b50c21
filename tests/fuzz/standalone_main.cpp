// Runs a fuzz target over every file of a corpus folder (or the files given), so that each
// hostile input found once stays a regression test under CTest, without libFuzzer.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
int runFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    return 1;
}
} // namespace

int main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    count += runFile(entry.path());
        } else if (std::filesystem::exists(arg)) {
            count += runFile(arg);
        }
    }
    // The empty input and a few degenerate ones are always exercised.
    LLVMFuzzerTestOneInput(nullptr, 0);
    const uint8_t zero[1] = {0};
    LLVMFuzzerTestOneInput(zero, 1);
    std::printf("fuzz corpus: %d inputs ran without a crash\n", count + 2);
    return 0;
}
