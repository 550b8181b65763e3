import CLibvirt
import Glibc
import Virt

// Reading and freeing typed parameters (libvirt's virtypedparam-public.c): what a caller of
// virDomainBlockStatsFlags or virConnectGetAllDomainStats uses to read the answer.

@c @implementation
public func virTypedParamsGet(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?
) -> virTypedParameterPtr? {
    // It reports nothing, so it leaves the last error alone, as libvirt's does.
    guard let params, let name else { return nil }
    return TypedParameterArray.find(name, in: params, count: nparams)
}

/// 1 with `read`'s value stored when `name` is there with type `type`; 0 when it is absent; -1, reported
/// as libvirt reports it, when it has another type.
private func typedParameter(
    _ function: String, _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?,
    type: virTypedParameterType, store: (virTypedParameter) -> Void
) -> Int32 {
    EntryPoint(function, errorDomain: .none).run(failure: -1) { _ throws(APIFailure) in
        guard let params, let name, let found = TypedParameterArray.find(name, in: params, count: nparams) else { return 0 }
        let wanted = Int32(type.rawValue)
        guard found.pointee.type == wanted else {
            let detail = "Invalid type '\(TypedParameterArray.typeName(wanted))' requested for parameter '\(String(cString: name))', "
                + "actual type is '\(TypedParameterArray.typeName(found.pointee.type))'"
            throw APIFailure(error: VirtError(.invalidArg, .none, detail), connection: nil)
        }
        store(found.pointee)
        return 1
    }
}

@c @implementation
public func virTypedParamsGetInt(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<Int32>?
) -> Int32 {
    typedParameter("virTypedParamsGetInt", params, nparams, name, type: VIR_TYPED_PARAM_INT) { value?.pointee = $0.value.i }
}

@c @implementation
public func virTypedParamsGetUInt(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<UInt32>?
) -> Int32 {
    typedParameter("virTypedParamsGetUInt", params, nparams, name, type: VIR_TYPED_PARAM_UINT) { value?.pointee = $0.value.ui }
}

@c @implementation
public func virTypedParamsGetLLong(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<Int64>?
) -> Int32 {
    typedParameter("virTypedParamsGetLLong", params, nparams, name, type: VIR_TYPED_PARAM_LLONG) { value?.pointee = $0.value.l }
}

@c @implementation
public func virTypedParamsGetULLong(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<UInt64>?
) -> Int32 {
    typedParameter("virTypedParamsGetULLong", params, nparams, name, type: VIR_TYPED_PARAM_ULLONG) { value?.pointee = $0.value.ul }
}

@c @implementation
public func virTypedParamsGetDouble(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<Double>?
) -> Int32 {
    typedParameter("virTypedParamsGetDouble", params, nparams, name, type: VIR_TYPED_PARAM_DOUBLE) { value?.pointee = $0.value.d }
}

@c @implementation
public func virTypedParamsGetBoolean(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<Int32>?
) -> Int32 {
    typedParameter("virTypedParamsGetBoolean", params, nparams, name, type: VIR_TYPED_PARAM_BOOLEAN) {
        value?.pointee = $0.value.b != 0 ? 1 : 0
    }
}

@c @implementation
public func virTypedParamsGetString(
    _ params: virTypedParameterPtr?, _ nparams: Int32, _ name: UnsafePointer<CChar>?,
    _ value: UnsafeMutablePointer<UnsafePointer<CChar>?>?
) -> Int32 {
    typedParameter("virTypedParamsGetString", params, nparams, name, type: VIR_TYPED_PARAM_STRING) {
        value?.pointee = UnsafePointer($0.value.s)
    }
}

@c @implementation
public func virTypedParamsClear(_ params: virTypedParameterPtr?, _ nparams: Int32) {
    guard let params else { return }
    TypedParameterArray.clear(params, count: nparams)
}

@c @implementation
public func virTypedParamsFree(_ params: virTypedParameterPtr?, _ nparams: Int32) {
    guard let params else { return }
    TypedParameterArray.free(params, count: nparams)
}
