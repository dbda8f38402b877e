/// Where a background job is: running, or how it ended.
enum JobStatus: String, Sendable {
    case running
    case done
    case failed
    case cancelled
}
