import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory mapping of one index file.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let path: String
    /// The file's identity when mapped: inode, size and modification time (ns).
    private var identity: (inode: UInt64, size: Int, mtime: Int) = (0, 0, 0)

    /// Reads a whole small file (the manifest) after checking it is a regular file.
    static func readRegularFile(_ path: String) throws -> Data {
        let file = try MappedFile(path: path)
        return file.bytes.isEmpty ? Data() : Data(file.bytes)
    }

    init(path: String) throws {
        self.path = path
        // O_NONBLOCK: a FIFO put in the index folder must not block the open forever.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw KensakuError.indexCorrupt(file: path, reason: "missing or unreadable") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw KensakuError.indexCorrupt(file: path, reason: "cannot stat") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw KensakuError.indexCorrupt(file: path, reason: "not a regular file") }
        identity = (UInt64(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
        let size = Int(st.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw KensakuError.indexCorrupt(file: path, reason: "cannot map")
        }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    /// Whether the file on disk is still the one mapped. A live generation's files are never
    /// rewritten by Kensaku; one rewritten in place by hand can end the process with SIGBUS when a
    /// mapped page is gone, so each search checks first (one `stat`, about a microsecond).
    var isUnchanged: Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return UInt64(st.st_ino) == identity.inode && Int(st.st_size) == identity.size
            && Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec) == identity.mtime
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
