// Payload handlers and their callers use the system-library decoders as part of this module's
// vocabulary (``Zlib``, ``DecodeRun``, ``DecodeBudget``).
@_exported import StegCarveDecompression
