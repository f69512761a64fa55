/*
 * StegCarve's bundled YARA rules: the hiding places of ../shared/THREATS.md that a byte
 * pattern can name. Matched against every scanned file and every carved artifact.
 *
 * meta: description (the label's reason), verdict ("malicious", "suspicious" or "info":
 * how the match weighs in the file's verdict), score (0-100), reference.
 * Every rule is written so that an ordinary picture cannot match it: text markers need a
 * second marker or an image magic.
 *
 * No rule here restates what a native handler validates: an executable inside a picture is
 * the ELF, PE, Mach-O... handlers' to carve and judge (a bundled "MZ whose e_lfanew points at
 * PE\0\0" rule once made an invalid PE that the PE handler rejects malicious), and a rule
 * that only sees a header's first bytes (base64 of a DOS header) weighs no more than
 * "suspicious".
 */

private rule StegCarve_Image
{
    condition:
        uint16be(0) == 0xFFD8 or uint32be(0) == 0x89504E47 or uint32be(0) == 0x47494638 or
        uint16be(0) == 0x424D or (uint32be(0) == 0x52494646 and uint32be(8) == 0x57454250) or
        uint32be(0) == 0x49492A00 or uint32be(0) == 0x4D4D002A or uint32be(0) == 0x00000100
}

rule StegCarve_Miner_Stratum
{
    meta:
        description = "cryptocurrency miner: a stratum pool URL together with a miner name or algorithm"
        verdict = "malicious"
        score = 95
        reference = "PostgreSQL miner in a JPEG (2018); XMRig in a PNG (SonicWall)"
    strings:
        $pool1 = "stratum+tcp://" ascii wide nocase
        $pool2 = "stratum+ssl://" ascii wide nocase
        $pool3 = "stratum2+tcp://" ascii wide nocase
        $miner1 = "xmrig" ascii wide nocase
        $miner2 = "randomx" ascii wide nocase
        $miner3 = "cryptonight" ascii wide nocase
        $miner4 = "--donate-level" ascii wide
        $miner5 = "minerd" ascii wide fullword
        $miner6 = "\"algo\"" ascii wide
    condition:
        any of ($pool*) and any of ($miner*)
}

rule StegCarve_XMRig_Strings
{
    meta:
        description = "XMRig miner strings (name with its options or config keys)"
        verdict = "malicious"
        score = 95
    strings:
        $name = "xmrig" ascii wide nocase
        $opt1 = "--donate-level" ascii wide
        $opt2 = "--coin" ascii wide
        $opt3 = "\"donate-level\"" ascii wide
        $opt4 = "randomx" ascii wide nocase
        $opt5 = "--cpu-max-threads-hint" ascii wide
    condition:
        $name and 1 of ($opt*)
}

rule StegCarve_Image_PHP
{
    meta:
        description = "PHP code inside a picture (webshell in EXIF, XMP or a comment)"
        verdict = "malicious"
        score = 95
    strings:
        $open = "<?php" ascii nocase
        $call1 = "eval(" ascii nocase
        $call2 = "base64_decode(" ascii nocase
        $call3 = "system(" ascii nocase
        $call4 = "shell_exec(" ascii nocase
        $call5 = "passthru(" ascii nocase
        $call6 = "assert(" ascii nocase
        $call7 = "$_GET[" ascii
        $call8 = "$_POST[" ascii
        $call9 = "$_REQUEST[" ascii
    condition:
        StegCarve_Image and $open and any of ($call*)
}

rule StegCarve_Image_Script_Loader
{
    meta:
        description = "JavaScript loader code inside a picture (Magecart-style skimmer in metadata)"
        verdict = "malicious"
        score = 90
    strings:
        $tag = "<script" ascii nocase
        $js1 = "atob(" ascii
        $js2 = "eval(" ascii
        $js3 = "String.fromCharCode" ascii
        $js4 = "document.write(" ascii
        $js5 = "new Function(" ascii
    condition:
        StegCarve_Image and $tag and any of ($js*)
}

rule StegCarve_Base64_PE
{
    meta:
        description = "base64 of a PE's DOS header (TVqQ...), forwards or reversed"
        verdict = "suspicious"
        score = 70
        reference = "<<BASE64_START>> loaders, Evil MSI background (2023-2025)"
    strings:
        $mz1 = "TVqQAAMAAAAEAAAA" ascii wide
        $mz2 = "TVpQAAIAAAAEAA8A" ascii wide
        $mz3 = "TVqAAAEAAAAEABAA" ascii wide
        $mz4 = "TVoAAAAAAAAAAAAA" ascii wide
        $rev1 = "AAAAEAAAAMAAQqVT" ascii wide
        $rev2 = "A8AAEAAAAIAAQpVT" ascii wide
        $rev3 = "AABAEAAAAEAAAqVT" ascii wide
        $rev4 = "AAAAAAAAAAAAAoVT" ascii wide
    condition:
        any of them
}

rule StegCarve_Base64_Markers
{
    meta:
        description = "<<BASE64_START>> / <<BASE64_END>> markers that delimit an appended payload"
        verdict = "suspicious"
        score = 70
    strings:
        $start = "<<BASE64_START>>" ascii wide
        $end = "<<BASE64_END>>" ascii wide
    condition:
        $start or $end
}

rule StegCarve_IDAT_Loader
{
    meta:
        description = "HijackLoader / IDAT Loader: an IDAT chunk whose data starts with the C6 A5 79 EA marker"
        verdict = "malicious"
        score = 95
        reference = "HijackLoader (IDAT Loader), 2023-"
    strings:
        $marker = { 49 44 41 54 C6 A5 79 EA }
    condition:
        uint32be(0) == 0x89504E47 and $marker
}
