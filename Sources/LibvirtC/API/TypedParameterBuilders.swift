import CLibvirt
import Glibc
import Virt

// Building typed parameters (libvirt's virTypedParamsAdd* family, 1.0.2; the string list, 1.2.17): the
// caller's array grows as libvirt grows it, and what was added is freed by virTypedParamsFree or Clear.
// As libvirt's, adding a name twice is not refused (its documentation says it would be; its code does not).

/// Adds one parameter named `name` at the end of `*params`, set by `assign`; 0, or -1 with the error reported.
private func addTypedParameter(
    _ function: String, _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?,
    assign: (UnsafeMutablePointer<virTypedParameter>) throws(VirtError) -> Void
) -> Int32 {
    EntryPoint(function, errorDomain: .none).run(failure: -1) { entry throws(APIFailure) in
        guard let params else { throw APIFailure(error: entry.mustNotBeNull("params"), connection: nil) }
        guard let nparams else { throw APIFailure(error: entry.mustNotBeNull("nparams"), connection: nil) }
        guard let maxparams else { throw APIFailure(error: entry.mustNotBeNull("maxparams"), connection: nil) }
        guard let name else { throw APIFailure(error: entry.mustNotBeNull("name"), connection: nil) }
        guard nparams.pointee >= 0, maxparams.pointee >= 0 else {
            throw APIFailure(error: VirtError(.invalidArg, .none, "nparams and maxparams in \(function) must not be negative"), connection: nil)
        }
        do throws(VirtError) {
            let slot = try TypedParameterArray.reserveOne(params, count: nparams, capacity: maxparams)
            try TypedParameterArray.setField(name, in: slot)
            try assign(slot)
        } catch {
            throw APIFailure(error: error, connection: nil)
        }
        nparams.pointee += 1
        return 0
    }
}

/// A plain value's setter: the type number and the union member.
private func plain(_ type: virTypedParameterType, _ set: @escaping (inout virTypedParameter) -> Void)
    -> (UnsafeMutablePointer<virTypedParameter>) throws(VirtError) -> Void
{
    { (slot) throws(VirtError) in
        slot.pointee.type = Int32(type.rawValue)
        set(&slot.pointee)
    }
}

@c @implementation
public func virTypedParamsAddInt(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: Int32
) -> Int32 {
    addTypedParameter("virTypedParamsAddInt", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_INT) { $0.value.i = value })
}

@c @implementation
public func virTypedParamsAddUInt(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: UInt32
) -> Int32 {
    addTypedParameter("virTypedParamsAddUInt", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_UINT) { $0.value.ui = value })
}

@c @implementation
public func virTypedParamsAddLLong(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: Int64
) -> Int32 {
    addTypedParameter("virTypedParamsAddLLong", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_LLONG) { $0.value.l = value })
}

@c @implementation
public func virTypedParamsAddULLong(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: UInt64
) -> Int32 {
    addTypedParameter("virTypedParamsAddULLong", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_ULLONG) { $0.value.ul = value })
}

@c @implementation
public func virTypedParamsAddDouble(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: Double
) -> Int32 {
    addTypedParameter("virTypedParamsAddDouble", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_DOUBLE) { $0.value.d = value })
}

@c @implementation
public func virTypedParamsAddBoolean(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: Int32
) -> Int32 {
    addTypedParameter("virTypedParamsAddBoolean", params, nparams, maxparams, name, assign: plain(VIR_TYPED_PARAM_BOOLEAN) {
        $0.value.b = value != 0 ? 1 : 0
    })
}

@c @implementation
public func virTypedParamsAddString(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> Int32 {
    addTypedParameter("virTypedParamsAddString", params, nparams, maxparams, name) { (slot) throws(VirtError) in
        try TypedParameterArray.setString(value, in: slot)
    }
}

/// One string parameter named `name` per entry of the NULL-terminated `values`. An empty list adds nothing
/// and succeeds (libvirt's returns -1 with no error for it, plainly a slip).
@c @implementation
public func virTypedParamsAddStringList(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?,
    _ values: UnsafeMutablePointer<UnsafePointer<CChar>?>?
) -> Int32 {
    guard let values else { return 0 }
    var index = 0
    while let value = values[index] {
        guard virTypedParamsAddString(params, nparams, maxparams, name, value) == 0 else { return -1 }
        index += 1
    }
    return 0
}

/// A parameter of type `type` whose value is parsed from `value` as libvirt parses it.
@c @implementation
public func virTypedParamsAddFromString(
    _ params: UnsafeMutablePointer<virTypedParameterPtr?>?, _ nparams: UnsafeMutablePointer<Int32>?,
    _ maxparams: UnsafeMutablePointer<Int32>?, _ name: UnsafePointer<CChar>?, _ type: Int32,
    _ value: UnsafePointer<CChar>?
) -> Int32 {
    addTypedParameter("virTypedParamsAddFromString", params, nparams, maxparams, name) { (slot) throws(VirtError) in
        try TypedParameterArray.parse(value, as: type, into: slot)
    }
}
