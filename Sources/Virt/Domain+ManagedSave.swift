extension Domain {
    /// Deletes the domain's managed save image, so the next start boots afresh (`virDomainManagedSaveRemove`).
    public func removeManagedSaveImage() async throws(VirtError) {
        try await checkedForWrite("virDomainManagedSaveRemove").domainManagedSaveRemove(ref)
    }
}
