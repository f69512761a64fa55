import StegCarveBytes

/// Namespace for the JPEG container (ITU-T T.81, JFIF, Exif, CIPA DC-007 MPF).
package enum JPEG {}

extension JPEG {
    /// A JPEG marker code: the byte that follows `0xFF` (T.81 Table B.1).
    package struct Marker: RawRepresentable, Sendable, Hashable {
        package var rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }

        package static let soi = Marker(rawValue: 0xD8)
        package static let eoi = Marker(rawValue: 0xD9)
        package static let sos = Marker(rawValue: 0xDA)
        package static let dqt = Marker(rawValue: 0xDB)
        package static let dnl = Marker(rawValue: 0xDC)
        package static let dri = Marker(rawValue: 0xDD)
        package static let dht = Marker(rawValue: 0xC4)
        package static let dac = Marker(rawValue: 0xCC)
        package static let com = Marker(rawValue: 0xFE)
        package static let tem = Marker(rawValue: 0x01)

        /// Markers with no length field: SOI, EOI, TEM and RST0–RST7 (T.81 B.1.1.3).
        package var isStandalone: Bool {
            rawValue == 0x01 || (0xD0...0xD9).contains(rawValue)
        }

        /// RST0–RST7.
        package var isRestart: Bool { (0xD0...0xD7).contains(rawValue) }

        /// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        package var isStartOfFrame: Bool {
            (0xC0...0xCF).contains(rawValue) && rawValue != 0xC4 && rawValue != 0xC8 && rawValue != 0xCC
        }

        /// APP0–APP15.
        package var isApplication: Bool { (0xE0...0xEF).contains(rawValue) }

        /// Byte values that can follow 0xFF as a marker: not a stuffed zero and not fill.
        package var isValidMarker: Bool { rawValue != 0x00 && rawValue != 0xFF }

        /// Mnemonic as in T.81, e.g. `SOF2`, `APP1`, `RST3`.
        package var name: String {
            switch rawValue {
            case 0xD8: return "SOI"
            case 0xD9: return "EOI"
            case 0xDA: return "SOS"
            case 0xDB: return "DQT"
            case 0xDC: return "DNL"
            case 0xDD: return "DRI"
            case 0xDE: return "DHP"
            case 0xDF: return "EXP"
            case 0xC4: return "DHT"
            case 0xC8: return "JPG"
            case 0xCC: return "DAC"
            case 0xFE: return "COM"
            case 0x01: return "TEM"
            case 0xD0...0xD7: return "RST\(rawValue - 0xD0)"
            case 0xE0...0xEF: return "APP\(rawValue - 0xE0)"
            case 0xF0...0xFD: return "JPG\(rawValue - 0xF0)"
            case 0xC0...0xCF: return "SOF\(rawValue - 0xC0)"
            default: return "0x" + String(rawValue, radix: 16, uppercase: true)
            }
        }
    }
}
