import Foundation

/// Transparent huge pages for the engine's buffers.
///
/// Queries allocate fresh buffers of megabytes (join pairs, gathered columns,
/// group ids). With 4 KiB pages every first touch of such a buffer is a page
/// fault: on a 5M-row join that is about 40% of the statement's time. glibc
/// asks the kernel for transparent huge pages (2 MiB) on its heap and mapped
/// blocks when the tunable `glibc.malloc.hugetlb=1` is set, which cuts those
/// faults by a factor of 512 on systems whose THP mode is `madvise` (Debian's
/// default). Tunables are read only when a process starts, so `ipdr` re-executes
/// itself once with the tunable added; an existing `GLIBC_TUNABLES` is kept, and
/// `IPDR_HUGEPAGES=off` turns this off.
enum MemoryPolicy {
    static let tunable = "glibc.malloc.hugetlb=1"

    /// Re-executes the process with the tunable set, unless it is set already,
    /// turned off, or re-executing fails (then the process simply goes on).
    static func apply() {
        let env = ProcessInfo.processInfo.environment
        if env["IPDR_HUGEPAGES"] == "off" { return }
        let current = env["GLIBC_TUNABLES"] ?? ""
        if current.contains("glibc.malloc.hugetlb") { return }
        setenv("GLIBC_TUNABLES", current.isEmpty ? tunable : current + ":" + tunable, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when exec failed: run as we are.
    }
}
