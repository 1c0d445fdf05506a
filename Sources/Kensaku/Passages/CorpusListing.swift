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
            listing.entries.append(Entry(name: name, path: target, size: Int(st.st_size),
                                         mtimeNanoseconds: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)))
        }
        return listing
    }

    /// The canonical absolute path of `path` (symlinks resolved), or nil.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
