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
        let name = Array(parameter.field.utf8)
        guard name.count < Int(VIR_TYPED_PARAM_FIELD_LENGTH) else {
            throw VirtError(.internalError, .none, "Field name '\(parameter.field)' too long")
        }
        withUnsafeMutableBytes(of: &slot.pointee.field) { field in
            field.copyBytes(from: name)
            field[name.count] = 0
        }
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
