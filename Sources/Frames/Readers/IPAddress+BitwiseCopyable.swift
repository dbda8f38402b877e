/// Two words of plain bits: IP addresses move between buffers with `memcpy`/`realloc`.
extension IPAddress: BitwiseCopyable {}
