/*
 * mkimages.c - deterministic synthetic pictures for the StegCarve corpus.
 *
 * Usage: mkimages OUTDIR
 *
 * Writes a fixed set of small JPEG (system libjpeg, libjpeg62-turbo) and PNG
 * (system libpng) files into OUTDIR. Every picture is a smooth gradient with a
 * few shapes and a deterministic pseudo-random texture (xorshift32 with fixed
 * seeds), so the output depends only on the library versions, never on the
 * time, the environment or the machine.
 *
 * Build: cc -O2 -o mkimages mkimages.c -ljpeg -lpng
 * Exit status is non-zero (with a message on stderr) on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <png.h>

static const char *outdir;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "mkimages: %s: %s\n", what, detail ? detail : "");
    exit(1);
}

static FILE *open_out(const char *name, char *path, size_t pathsize)
{
    snprintf(path, pathsize, "%s/%s", outdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot create", path);
    return f;
}

/* ---------------------------------------------------------------- pixels */

static unsigned xs_state;
static unsigned xs_next(void)
{
    unsigned x = xs_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return xs_state = x;
}

static int clamp255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

/*
 * Fill an RGBA8 buffer (w*h*4) with a picture. `variant` shifts the shapes so
 * that pictures of one family (e.g. the views of an MPO) differ a little.
 */
static unsigned char *make_picture(int w, int h, unsigned seed, int variant)
{
    unsigned char *p = malloc((size_t)w * h * 4);
    if (!p)
        die("out of memory", NULL);
    xs_state = seed ? seed : 0x9E3779B9u;
    int cx = w / 2 + variant * 6, cy = h / 2;
    int r2 = (w < h ? w : h) * (w < h ? w : h) / 9;
    int tex = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            /* smooth gradients */
            int r = x * 255 / (w - 1);
            int g = y * 255 / (h - 1);
            int b = 255 - (x + y) * 255 / (w + h - 2);
            /* a soft disc */
            int dx = x - cx, dy = y - cy;
            if (dx * dx + dy * dy < r2) {
                r = (r + 255) / 2;
                g = g / 2;
                b = (b + 64) / 2;
            }
            /* a diagonal band */
            if (((x + 2 * y + variant * 10) / 16) % 5 == 0) {
                r = r * 3 / 4;
                g = (g + 200) / 2;
            }
            /* pseudo-random texture, blocky so it still compresses */
            if ((x & 3) == 0)
                tex = (int)(xs_next() % 25) - 12;
            r = clamp255(r + tex);
            g = clamp255(g + tex / 2);
            b = clamp255(b - tex);
            unsigned char *q = p + ((size_t)y * w + x) * 4;
            q[0] = (unsigned char)r;
            q[1] = (unsigned char)g;
            q[2] = (unsigned char)b;
            q[3] = (unsigned char)clamp255(255 - (dx * dx + dy * dy) / (r2 / 64 + 1));
        }
    }
    return p;
}

static unsigned char luma(const unsigned char *q)
{
    return (unsigned char)((77 * q[0] + 150 * q[1] + 29 * q[2] + 128) >> 8);
}

/* ------------------------------------------------------------------ JPEG */

enum {
    J_GRAY = 1 << 0,
    J_CMYK = 1 << 1,
    J_PROGRESSIVE = 1 << 2,
    J_RESTART = 1 << 3,
    J_ARITH = 1 << 4,
    J_OPTIMIZE = 1 << 5,
};

struct jerr {
    struct jpeg_error_mgr pub;
};

static void jerr_exit(j_common_ptr cinfo)
{
    char msg[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, msg);
    die("libjpeg", msg);
}

static void write_jpeg(const char *name, int w, int h, unsigned seed, int variant,
                       int quality, int flags)
{
    char path[4096];
    FILE *f = open_out(name, path, sizeof path);
    unsigned char *pix = make_picture(w, h, seed, variant);

    struct jpeg_compress_struct cinfo;
    struct jerr err;
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jerr_exit;
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, f);

    cinfo.image_width = (JDIMENSION)w;
    cinfo.image_height = (JDIMENSION)h;
    if (flags & J_GRAY) {
        cinfo.input_components = 1;
        cinfo.in_color_space = JCS_GRAYSCALE;
    } else if (flags & J_CMYK) {
        cinfo.input_components = 4;
        cinfo.in_color_space = JCS_CMYK;
    } else {
        cinfo.input_components = 3;
        cinfo.in_color_space = JCS_RGB;
    }
    /* jpeg_set_defaults writes a JFIF APP0 for YCbCr/grayscale; for CMYK
     * it selects JCS_CMYK output with an Adobe APP14 marker instead. */
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.dct_method = JDCT_ISLOW;
    if (flags & J_PROGRESSIVE)
        jpeg_simple_progression(&cinfo);
    if (flags & J_RESTART)
        cinfo.restart_interval = 4; /* an RSTn marker every 4 MCUs */
    if (flags & J_ARITH)
        cinfo.arith_code = TRUE;
    if (flags & J_OPTIMIZE)
        cinfo.optimize_coding = TRUE;

    jpeg_start_compress(&cinfo, TRUE);
    unsigned char *row = malloc((size_t)w * 4);
    if (!row)
        die("out of memory", NULL);
    while (cinfo.next_scanline < cinfo.image_height) {
        const unsigned char *src = pix + (size_t)cinfo.next_scanline * w * 4;
        for (int x = 0; x < w; x++) {
            const unsigned char *q = src + x * 4;
            if (flags & J_GRAY) {
                row[x] = luma(q);
            } else if (flags & J_CMYK) {
                /* Adobe-style (inverted) CMYK: stored value = 255 - ink. */
                int c = 255 - q[0], m = 255 - q[1], yy = 255 - q[2];
                int k = c < m ? (c < yy ? c : yy) : (m < yy ? m : yy);
                row[x * 4 + 0] = (unsigned char)(255 - (c - k));
                row[x * 4 + 1] = (unsigned char)(255 - (m - k));
                row[x * 4 + 2] = (unsigned char)(255 - (yy - k));
                row[x * 4 + 3] = (unsigned char)(255 - k);
            } else {
                row[x * 3 + 0] = q[0];
                row[x * 3 + 1] = q[1];
                row[x * 3 + 2] = q[2];
            }
        }
        JSAMPROW rp = row;
        jpeg_write_scanlines(&cinfo, &rp, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    free(row);
    free(pix);
    if (fclose(f) != 0)
        die("write failed", path);
}

/* ------------------------------------------------------------------- PNG */

enum {
    P_RGB,
    P_RGBA,
    P_PALETTE,
    P_RGB16,
    P_GRAY,
};

static void png_err(png_structp png, png_const_charp msg)
{
    (void)png;
    die("libpng", msg);
}

static void png_warn(png_structp png, png_const_charp msg)
{
    (void)png;
    die("libpng warning", msg);
}

static void write_png(const char *name, int w, int h, unsigned seed, int kind,
                      int interlace, int with_text)
{
    char path[4096];
    FILE *f = open_out(name, path, sizeof path);
    unsigned char *pix = make_picture(w, h, seed, 0);

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_err, png_warn);
    if (!png)
        die("png_create_write_struct", NULL);
    png_infop info = png_create_info_struct(png);
    if (!info)
        die("png_create_info_struct", NULL);
    png_init_io(png, f);
    png_set_compression_level(png, 9);
    png_set_compression_strategy(png, 0); /* Z_DEFAULT_STRATEGY */

    int color_type, depth = 8, bpp;
    switch (kind) {
    case P_RGB: color_type = PNG_COLOR_TYPE_RGB; bpp = 3; break;
    case P_RGBA: color_type = PNG_COLOR_TYPE_RGB_ALPHA; bpp = 4; break;
    case P_PALETTE: color_type = PNG_COLOR_TYPE_PALETTE; bpp = 1; break;
    case P_RGB16: color_type = PNG_COLOR_TYPE_RGB; depth = 16; bpp = 6; break;
    case P_GRAY: color_type = PNG_COLOR_TYPE_GRAY; bpp = 1; break;
    default: die("bad kind", name); return;
    }
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, color_type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);

    if (kind == P_PALETTE) {
        /* 4x4x4 colour cube = 64 entries; the first 8 are partly transparent */
        png_color pal[64];
        png_byte trns[8];
        for (int i = 0; i < 64; i++) {
            pal[i].red = (png_byte)((i & 3) * 85);
            pal[i].green = (png_byte)(((i >> 2) & 3) * 85);
            pal[i].blue = (png_byte)(((i >> 4) & 3) * 85);
        }
        for (int i = 0; i < 8; i++)
            trns[i] = (png_byte)(i * 32);
        png_set_PLTE(png, info, pal, 64);
        png_set_tRNS(png, info, trns, 8, NULL);
    }

    if (with_text) {
        png_text t[4];
        memset(t, 0, sizeof t);
        t[0].compression = PNG_TEXT_COMPRESSION_NONE;
        t[0].key = "Title";
        t[0].text = "StegCarve corpus test picture";
        t[1].compression = PNG_TEXT_COMPRESSION_NONE;
        t[1].key = "Software";
        t[1].text = "StegCarve Corpus/src/mkimages.c";
        t[2].compression = PNG_TEXT_COMPRESSION_zTXt;
        t[2].key = "Comment";
        t[2].text = "A synthetic gradient with a disc, a band and a pseudo-random "
                    "texture. This comment is stored compressed in a zTXt chunk. "
                    "A synthetic gradient with a disc, a band and a pseudo-random "
                    "texture. Repetition makes zlib's job worthwhile.";
        t[3].compression = PNG_ITXT_COMPRESSION_NONE;
        t[3].key = "Description";
        t[3].lang = "de";
        t[3].lang_key = "Beschreibung";
        t[3].text = "Pr\xc3\xbc" "fbild f\xc3\xbc" "r StegCarve \xe2\x80\x93 harmlos.";
        png_set_text(png, info, t, 4);
    }

    png_write_info(png, info);
    int passes = interlace ? png_set_interlace_handling(png) : 1;
    unsigned char *row = malloc((size_t)w * bpp);
    if (!row)
        die("out of memory", NULL);
    for (int pass = 0; pass < passes; pass++) {
        for (int y = 0; y < h; y++) {
            const unsigned char *src = pix + (size_t)y * w * 4;
            for (int x = 0; x < w; x++) {
                const unsigned char *q = src + x * 4;
                switch (kind) {
                case P_RGB:
                    memcpy(row + x * 3, q, 3);
                    break;
                case P_RGBA:
                    memcpy(row + x * 4, q, 4);
                    break;
                case P_PALETTE:
                    row[x] = (unsigned char)((q[0] * 4 / 256) | ((q[1] * 4 / 256) << 2) |
                                             ((q[2] * 4 / 256) << 4));
                    break;
                case P_RGB16:
                    for (int c = 0; c < 3; c++) {
                        /* 16-bit, big-endian as PNG stores it; fill the low
                         * byte from a smooth function so it is not just v*257 */
                        unsigned v = (unsigned)q[c] * 256u + (unsigned)((x * 7 + y * 3 + c * 50) & 0xFF);
                        row[x * 6 + c * 2] = (unsigned char)(v >> 8);
                        row[x * 6 + c * 2 + 1] = (unsigned char)(v & 0xFF);
                    }
                    break;
                case P_GRAY:
                    row[x] = luma(q);
                    break;
                }
            }
            png_write_row(png, row);
        }
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    free(pix);
    if (fclose(f) != 0)
        die("write failed", path);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    outdir = argv[1];

    /* JPEG variants */
    write_jpeg("jpeg-baseline.jpg", 160, 120, 0x1001, 0, 85, 0);
    write_jpeg("jpeg-progressive.jpg", 160, 120, 0x1002, 0, 85, J_PROGRESSIVE);
    write_jpeg("jpeg-grayscale.jpg", 144, 112, 0x1003, 0, 85, J_GRAY);
    write_jpeg("jpeg-cmyk.jpg", 128, 96, 0x1004, 0, 85, J_CMYK);
    write_jpeg("jpeg-restart.jpg", 160, 120, 0x1005, 0, 85, J_RESTART);
    write_jpeg("jpeg-arithmetic.jpg", 160, 120, 0x1006, 0, 85, J_ARITH);
    write_jpeg("jpeg-optimized.jpg", 160, 120, 0x1007, 0, 85, J_OPTIMIZE);

    /* building blocks that generate.py wraps into EXIF / MPO files */
    write_jpeg("part-exif-main.jpg", 160, 120, 0x2001, 0, 85, 0);
    write_jpeg("part-exif-thumb.jpg", 64, 48, 0x2001, 0, 70, 0);
    write_jpeg("part-meta-main.jpg", 160, 120, 0x2002, 0, 85, 0);
    write_jpeg("part-mpo-left.jpg", 160, 120, 0x3001, -1, 85, 0);
    write_jpeg("part-mpo-right.jpg", 160, 120, 0x3001, 1, 85, 0);
    write_jpeg("part-mpo3-primary.jpg", 192, 128, 0x3002, 0, 85, 0);
    write_jpeg("part-mpo3-large1.jpg", 96, 64, 0x3002, 0, 80, 0);
    write_jpeg("part-mpo3-large2.jpg", 128, 88, 0x3002, 0, 80, J_PROGRESSIVE);

    /* PNG variants */
    write_png("png-rgb.png", 128, 96, 0x4001, P_RGB, 0, 0);
    write_png("png-rgba.png", 128, 96, 0x4002, P_RGBA, 0, 0);
    write_png("png-palette-trns.png", 128, 96, 0x4003, P_PALETTE, 0, 0);
    write_png("png-rgb16.png", 96, 64, 0x4004, P_RGB16, 0, 0);
    write_png("png-grayscale.png", 128, 96, 0x4005, P_GRAY, 0, 0);
    write_png("png-adam7.png", 128, 96, 0x4006, P_RGB, 1, 0);
    write_png("png-text-chunks.png", 128, 96, 0x4007, P_RGB, 0, 1);
    return 0;
}
