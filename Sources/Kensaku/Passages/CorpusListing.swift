import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The documents a corpus folder offers, and what was refused with why (see README, "The corpus").
///
/// Only regular files named `*.txt` (any case) directly in the folder are documents. A symlink is
/// followed only when its target is a regular file inside the folder; one that leaves the folder
/// is refused, so that no file outside the corpus is ever read. Folders, FIFOs, sockets,
/// devices, unreadable files and files larger than ``CorpusListing/maxFileBytes`` are skipped with
/// a warning; the rest of the corpus is indexed and served. Hidden files (`.name`) are ignored.
public struct CorpusListing: Sendable {
    /// A file larger than this (bytes) is skipped: 64 MiB of text is far beyond any budget document,
    /// and indexing needs about ten times a file's size in memory.
    public static let maxFileBytes = 64 << 20

    /// One accepted document file.
    public struct Entry: Sendable, Hashable {
        /// The name in the folder (`000_24b64a88380a38ac.txt`).
        public var name: String
        /// The path actually read (the folder's own file, or the in-folder target of a symlink).
        public var path: String
        /// Size in bytes and modification time in ns, for the staleness check.
        public var size: Int
        public var mtimeNanoseconds: Int
        /// The file's device and inode when listed: what is read later must be the same file.
        var device: UInt64 = 0
        var inode: UInt64 = 0

        /// The entry of the file `st` describes.
        init(name: String, path: String, _ st: stat) {
            self.name = name
            self.path = path
            size = Int(st.st_size)
            mtimeNanoseconds = Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }
    }

    /// The accepted files, sorted by name.
    public var entries: [Entry]
    /// One line per refused or skipped entry: the name and the reason.
    public var skipped: [String]

    /// Lists `directory`. Throws ``KensakuError/corpusUnreadable(path:reason:)`` when the folder
    /// itself is missing, not a folder, or cannot be listed.
    public static func list(_ directory: URL) throws -> CorpusListing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw KensakuError.corpusUnreadable(path: directory.path, reason: "no such folder")
        }
        guard isDirectory.boolValue else { throw KensakuError.corpusUnreadable(path: directory.path, reason: "not a folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw KensakuError.corpusUnreadable(path: directory.path, reason: "cannot list the folder")
        }
        let root = realPath(directory.path) ?? directory.path
        var listing = CorpusListing(entries: [], skipped: [])
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.appendingPathComponent(name).path
            guard name.lowercased().hasSuffix(".txt") else {
                listing.skipped.append("\(name): skipped, not a .txt file")
                continue
            }
            var st = stat()
            guard lstat(path, &st) == 0 else { listing.skipped.append("\(name): skipped, cannot stat it"); continue }
            var target = path
            if (st.st_mode & S_IFMT) == S_IFLNK {
                guard let resolved = realPath(path), resolved.hasPrefix(root + "/") else {
                    listing.skipped.append("\(name): refused, a symlink that leaves the corpus folder")
                    continue
                }
                target = resolved
                guard stat(target, &st) == 0 else { listing.skipped.append("\(name): skipped, a broken symlink"); continue }
            }
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: listing.skipped.append("\(name): skipped, a folder"); continue
            default: listing.skipped.append("\(name): skipped, not a regular file (a FIFO, socket or device)"); continue
            }
            guard access(target, R_OK) == 0 else { listing.skipped.append("\(name): skipped, not readable"); continue }
            guard Int(st.st_size) <= maxFileBytes else {
                listing.skipped.append("\(name): skipped, \(st.st_size) bytes is more than \(maxFileBytes)")
                continue
            }
            listing.entries.append(Entry(name: name, path: target, st))
        }
        return listing
    }

    /// The entry for one file named by the user (a symlink is followed: the user chose the file).
    /// Throws ``KensakuError/corpusUnreadable(path:reason:)`` unless it is a regular file.
    public static func entry(file: URL) throws -> Entry {
        let path = realPath(file.path) ?? file.path
        var st = stat()
        guard stat(path, &st) == 0 else { throw KensakuError.corpusUnreadable(path: file.path, reason: "cannot read the file") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw KensakuError.corpusUnreadable(path: file.path, reason: "not a regular file")
        }
        return Entry(name: file.lastPathComponent, path: path, st)
    }

    /// The bytes of a listed file, read through one descriptor that is checked to be the very file
    /// listed: opened without following a symlink (`O_NOFOLLOW`) or blocking on a FIFO
    /// (`O_NONBLOCK`), a regular file with the listed device and inode, at most ``maxFileBytes``.
    /// An entry swapped after listing (for a symlink out, a FIFO, a bigger file) is refused.
    /// Throws ``KensakuError/corpusUnreadable(path:reason:)``.
    public static func bytes(of entry: Entry) throws -> [UInt8] {
        func refuse(_ reason: String) -> KensakuError { .corpusUnreadable(path: entry.path, reason: reason) }
        let fd = open(entry.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw refuse("cannot open it") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw refuse("not a regular file") }
        guard UInt64(st.st_dev) == entry.device, UInt64(st.st_ino) == entry.inode else { throw refuse("it changed after it was listed") }
        guard Int(st.st_size) <= maxFileBytes else { throw refuse("larger than \(maxFileBytes) bytes") }
        var out = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while count < out.count {
            let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 { if errno == EINTR { continue }; throw refuse("read failed") }
            if n == 0 { break }
            count += n
            if count > maxFileBytes { throw refuse("larger than \(maxFileBytes) bytes") }
            if count == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: 4096)) }
        }
        out.removeSubrange(count...)
        return out
    }

    /// The canonical absolute path of `path` (symlinks resolved), or nil.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
