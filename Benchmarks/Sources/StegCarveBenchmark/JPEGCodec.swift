import CBenchmarkJPEG
import Foundation

/// The synthetic photos as JPEG, and plain libjpeg decoding of them (libjpeg's default error
/// handler exits the process: the benchmark only feeds it its own pictures).
enum JPEGCodec {
    /// `pixels` (8-bit, `channels` per pixel; a fourth channel is dropped) as a baseline JPEG
    /// at `quality`, 4:2:0 (libjpeg's defaults).
    static func encode(_ pixels: [UInt8], width: Int, height: Int, channels: Int, quality: Int32 = 90) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            for channel in 0..<3 { rgb[index * 3 + channel] = pixels[index * channels + channel] }
        }
        var errors = jpeg_error_mgr()
        var info = jpeg_compress_struct()
        info.err = jpeg_std_error(&errors)
        jpeg_CreateCompress(&info, JPEG_LIB_VERSION, MemoryLayout<jpeg_compress_struct>.size)
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        jpeg_mem_dest(&info, &buffer, &size)
        info.image_width = JDIMENSION(width)
        info.image_height = JDIMENSION(height)
        info.input_components = 3
        info.in_color_space = JCS_RGB
        jpeg_set_defaults(&info)
        jpeg_set_quality(&info, quality, 1)
        jpeg_start_compress(&info, 1)
        rgb.withUnsafeMutableBufferPointer { samples in
            while info.next_scanline < info.image_height {
                var row: JSAMPROW? = samples.baseAddress.map { $0 + Int(info.next_scanline) * width * 3 }
                _ = jpeg_write_scanlines(&info, &row, 1)
            }
        }
        jpeg_finish_compress(&info)
        jpeg_destroy_compress(&info)
        guard let buffer else { return [] }
        let file = Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
        free(buffer)
        return file
    }

    /// Decodes `file` to 8-bit RGB in `output` (full inverse DCT and colour conversion, as a
    /// viewer does); `false` unless every scanline was read.
    static func decode(_ file: [UInt8], into output: inout [UInt8]) -> Bool {
        file.withUnsafeBufferPointer { input in
            var errors = jpeg_error_mgr()
            var info = jpeg_decompress_struct()
            info.err = jpeg_std_error(&errors)
            jpeg_CreateDecompress(&info, JPEG_LIB_VERSION, MemoryLayout<jpeg_decompress_struct>.size)
            defer { jpeg_destroy_decompress(&info) }
            jpeg_mem_src(&info, input.baseAddress, UInt(input.count))
            guard jpeg_read_header(&info, 1) == JPEG_HEADER_OK else { return false }
            info.out_color_space = JCS_RGB
            guard jpeg_start_decompress(&info) != 0 else { return false }
            let rowBytes = Int(info.output_width) * Int(info.output_components)
            let needed = rowBytes * Int(info.output_height)
            if output.count != needed { output = [UInt8](repeating: 0, count: needed) }
            output.withUnsafeMutableBufferPointer { samples in
                while info.output_scanline < info.output_height {
                    var row: JSAMPROW? = samples.baseAddress.map { $0 + Int(info.output_scanline) * rowBytes }
                    _ = jpeg_read_scanlines(&info, &row, 1)
                }
            }
            return jpeg_finish_decompress(&info) != 0
        }
    }
}
