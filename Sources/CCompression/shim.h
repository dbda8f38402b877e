// The system compression libraries Parquet and Arrow files use:
// zstd (libzstd-dev), snappy (libsnappy-dev), LZ4 (liblz4-dev), zlib (zlib1g-dev).
#include <zstd.h>
#include <snappy-c.h>
#include <lz4.h>
#include <lz4frame.h>
#include <zlib.h>
