import CLibvirt
import Glibc
import Virt

/// Typed parameters as C callers get them: `virTypedParameter` structs whose strings are malloc'ed, so that
/// virTypedParamsFree (or the record list's free) releases them as libvirt's do.
enum TypedParameterArray {
    /// The C type number of `value` (`virTypedParameterType`).
    static func type(of value: TypedParameterValue) -> Int32 {
        switch value {
        case .int: Int32(VIR_TYPED_PARAM_INT.rawValue)
        case .uint: Int32(VIR_TYPED_PARAM_UINT.rawValue)
        case .llong: Int32(VIR_TYPED_PARAM_LLONG.rawValue)
        case .ullong: Int32(VIR_TYPED_PARAM_ULLONG.rawValue)
        case .double: Int32(VIR_TYPED_PARAM_DOUBLE.rawValue)
        case .boolean: Int32(VIR_TYPED_PARAM_BOOLEAN.rawValue)
        case .string: Int32(VIR_TYPED_PARAM_STRING.rawValue)
        }
    }

    /// libvirt's name of a type number, as its type-mismatch errors quote it.
    static func typeName(_ type: Int32) -> String {
        let names = ["int", "uint", "llong", "ullong", "double", "boolean", "string"]
        return type >= 1 && Int(type) <= names.count ? names[Int(type) - 1] : "(null)"
    }

    /// Writes `parameter` into `slot` (zeroed memory); fails only for a name the struct cannot hold or
    /// when memory runs out.
    static func write(_ parameter: TypedParameter, to slot: UnsafeMutablePointer<virTypedParameter>) throws(VirtError) {
        try setField(Array(parameter.field.utf8), in: slot)
        slot.pointee.type = type(of: parameter.value)
        switch parameter.value {
        case .int(let value): slot.pointee.value.i = value
        case .uint(let value): slot.pointee.value.ui = value
        case .llong(let value): slot.pointee.value.l = value
        case .ullong(let value): slot.pointee.value.ul = value
        case .double(let value): slot.pointee.value.d = value
        case .boolean(let value): slot.pointee.value.b = value ? 1 : 0
        case .string(let value):
            guard let copy = value.mallocCopy() else { throw VirtError(.noMemory, .none) }
            slot.pointee.value.s = copy
        }
    }

    /// Names the parameter in `slot`; a name the struct cannot hold is refused with libvirt's error.
    static func setField(_ name: [UInt8], in slot: UnsafeMutablePointer<virTypedParameter>) throws(VirtError) {
        guard name.count < Int(VIR_TYPED_PARAM_FIELD_LENGTH) else {
            throw VirtError(.internalError, .none, "Field name '\(String(decoding: name, as: UTF8.self))' too long")
        }
        withUnsafeMutableBytes(of: &slot.pointee.field) { field in
            field.copyBytes(from: name)
            field[name.count] = 0
        }
    }

    static func setField(_ name: UnsafePointer<CChar>, in slot: UnsafeMutablePointer<virTypedParameter>) throws(VirtError) {
        try setField(Array(UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))), in: slot)
    }

    /// A string parameter holding a malloc'ed copy of `value`'s bytes (NULL: the empty string, as libvirt's).
    static func setString(_ value: UnsafePointer<CChar>?, in slot: UnsafeMutablePointer<virTypedParameter>) throws(VirtError) {
        let copy = if let value { strdup(value) } else { strdup("") }
        guard let copy else { throw VirtError(.noMemory, .none) }
        slot.pointee.type = Int32(VIR_TYPED_PARAM_STRING.rawValue)
        slot.pointee.value.s = copy
    }

    /// Room for one more parameter after the first `count` of `*params`, grown as libvirt's VIR_RESIZE_N
    /// grows it (by half the capacity at least, the new part zeroed); returns the slot, zeroed.
    static func reserveOne(
        _ params: UnsafeMutablePointer<UnsafeMutablePointer<virTypedParameter>?>,
        count: UnsafeMutablePointer<Int32>, capacity: UnsafeMutablePointer<Int32>
    ) throws(VirtError) -> UnsafeMutablePointer<virTypedParameter> {
        let used = Int(count.pointee)
        var allocated = params.pointee == nil ? 0 : Int(capacity.pointee)
        if used + 1 > allocated {
            let grown = allocated + max(used + 1 - allocated, allocated / 2)
            guard grown <= Int(Int32.max),
                  let array = realloc(params.pointee, grown * MemoryLayout<virTypedParameter>.stride)?
                      .assumingMemoryBound(to: virTypedParameter.self) else { throw VirtError(.noMemory, .none) }
            memset(array + allocated, 0, (grown - allocated) * MemoryLayout<virTypedParameter>.stride)
            params.pointee = array
            allocated = grown
            capacity.pointee = Int32(grown)
        }
        guard let array = params.pointee else { throw VirtError(.noMemory, .none) }
        memset(array + used, 0, MemoryLayout<virTypedParameter>.stride)
        return array + used
    }

    /// The parameter `slot` as `type`, its value parsed from `text` as libvirt parses it (whole decimal
    /// numbers in range, a double, true/false/1/0 for a boolean, any string), with libvirt's errors.
    static func parse(_ text: UnsafePointer<CChar>?, as type: Int32, into slot: UnsafeMutablePointer<virTypedParameter>) throws(VirtError) {
        let field = withUnsafeBytes(of: slot.pointee.field) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        guard let text else { throw VirtError(.invalidArg, .none, "NULL value for field '\(field)'") }
        func invalid(_ expected: String) -> VirtError {
            VirtError(.invalidArg, .none, "Invalid value for field '\(field)': expected \(expected)")
        }
        slot.pointee.type = type
        switch UInt32(bitPattern: type) {
        case VIR_TYPED_PARAM_INT.rawValue:
            guard let value = CNumber.long(text), let int = Int32(exactly: value) else { throw invalid("int") }
            slot.pointee.value.i = int
        case VIR_TYPED_PARAM_UINT.rawValue:
            guard let value = CNumber.unsignedInt(text) else { throw invalid("unsigned int") }
            slot.pointee.value.ui = value
        case VIR_TYPED_PARAM_LLONG.rawValue:
            guard let value = CNumber.long(text) else { throw invalid("long long") }
            slot.pointee.value.l = Int64(value)
        case VIR_TYPED_PARAM_ULLONG.rawValue:
            guard let value = CNumber.unsignedLong(text) else { throw invalid("unsigned long long") }
            slot.pointee.value.ul = UInt64(value)
        case VIR_TYPED_PARAM_DOUBLE.rawValue:
            guard let value = CNumber.double(text) else { throw invalid("double") }
            slot.pointee.value.d = value
        case VIR_TYPED_PARAM_BOOLEAN.rawValue:
            if strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0 {
                slot.pointee.value.b = 1
            } else if strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0 {
                slot.pointee.value.b = 0
            } else {
                throw VirtError(.invalidArg, .none, "Invalid boolean value for field '\(field)'")
            }
        case VIR_TYPED_PARAM_STRING.rawValue:
            try setString(text, in: slot)
        default:
            slot.pointee.type = 0
            throw VirtError(.internalError, .none, "unexpected type \(type) for field \(field)")
        }
    }

    /// A calloc'ed array of `parameters` (NULL for none, as libvirt returns it); on failure nothing is left.
    static func make(_ parameters: [TypedParameter]) throws(VirtError) -> UnsafeMutablePointer<virTypedParameter>? {
        guard !parameters.isEmpty else { return nil }
        guard let array = calloc(parameters.count, MemoryLayout<virTypedParameter>.stride)?
            .assumingMemoryBound(to: virTypedParameter.self) else { throw VirtError(.noMemory, .none) }
        for (index, parameter) in parameters.enumerated() {
            do throws(VirtError) {
                try write(parameter, to: array + index)
            } catch {
                free(array, count: Int32(index))
                throw error
            }
        }
        return array
    }

    /// Frees the strings of the first `count` parameters.
    static func clear(_ params: UnsafeMutablePointer<virTypedParameter>, count: Int32) {
        for index in 0..<Int(max(count, 0)) where params[index].type == Int32(VIR_TYPED_PARAM_STRING.rawValue) {
            Glibc.free(params[index].value.s)
            params[index].value.s = nil
        }
    }

    /// Frees the strings and the array.
    static func free(_ params: UnsafeMutablePointer<virTypedParameter>, count: Int32) {
        clear(params, count: count)
        Glibc.free(params)
    }

    /// The first parameter named `name`, as virTypedParamsGet finds it.
    static func find(
        _ name: UnsafePointer<CChar>, in params: UnsafeMutablePointer<virTypedParameter>, count: Int32
    ) -> UnsafeMutablePointer<virTypedParameter>? {
        for index in 0..<Int(max(count, 0)) {
            let matches = withUnsafeBytes(of: params[index].field) { field in
                strncmp(field.baseAddress!.assumingMemoryBound(to: CChar.self), name, Int(VIR_TYPED_PARAM_FIELD_LENGTH)) == 0
            }
            if matches { return params + index }
        }
        return nil
    }
}
