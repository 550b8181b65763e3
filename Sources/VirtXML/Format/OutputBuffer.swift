/// The growable byte buffer behind ``XMLWriter``.
///
/// It manages its own memory because formatting appends a few bytes at a time, and each append to an
/// `Array` pays a uniqueness check, a capacity check and a call; that was most of the formatting time.
/// It is safe because it is noncopyable (exactly one owner writes to the memory, and frees it once, in
/// `deinit`), every write first makes room for what it writes (`reserve`), and only the initialized
/// `0..<count` prefix is ever read.
struct OutputBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        if bytes.count <= 16 {
            // Tag names, quotes and short values: a loop is cheaper than a call to memmove.
            for offset in 0..<bytes.count { storage[count + offset] = source[offset] }
        } else {
            (storage + count).initialize(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    mutating func append(repeating byte: UInt8, count repeats: Int) {
        reserve(repeats)
        (storage + count).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    /// Drops the bytes from `index` on.
    mutating func removeSuffix(from index: Int) {
        precondition(index >= 0 && index <= count, "index out of the written range")
        count = index
    }

    /// Reverses the bytes from `index` to the end.
    mutating func reverseSuffix(from index: Int) {
        precondition(index >= 0 && index <= count, "index out of the written range")
        var suffix = UnsafeMutableBufferPointer(start: storage + index, count: count - index)
        suffix.reverse()
    }

    /// The bytes written so far, as UTF-8 text.
    var string: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if extra > capacity - count { grow(toHold: count + extra) }
    }

    private mutating func grow(toHold minimum: Int) {
        let newCapacity = max(capacity * 2, minimum)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
