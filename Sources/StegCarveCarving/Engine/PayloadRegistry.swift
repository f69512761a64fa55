import StegCarveBytes

/// The payload handlers StegCarve runs, in one explicit list (no discovery by reflection).
package enum PayloadRegistry {
    /// Every built-in handler; a new payload format is one more entry here.
    package static let handlers: [any PayloadHandler] = [
        ELFHandler(),
        PEHandler(),
        MachOHandler(),
        JavaClassHandler(),
        DEXHandler(),
        ScriptHandler(),
        ZIPHandler(), RARHandler(), SevenZipHandler(), TarHandler(),
        GzipHandler(), BZip2Handler(), XZHandler(), ZstdHandler(), ZlibHandler(),
        JPEGPayloadHandler(), PNGPayloadHandler(), GIFPayloadHandler(),
    ]
}
