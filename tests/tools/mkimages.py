#!/usr/bin/env python3
"""mkimages.py DIR - the pictures the official.sh tests use, made with the
standard library only (zlib, struct), so no image tool is needed:

  rgba.png       40x20 RGBA: left half opaque red, right half fully transparent
  grey.png       30x30 8-bit grey ramp
  deep.png       16x16 16-bit RGB (raingan reduces it to 8 bits, with a warning)
  palette.png    8x8 palette image with a transparent index
  interlaced.png 17x9 Adam7-interlaced RGB
  truncated.png  rgba.png cut inside its IDAT (a valid header)
  fake.png       text with a .png name
  huge.png       the header of a 20000x20000 RGB image (the data is never read)
  cmyk.jpg       the markers of a 4-component (CMYK) JPEG
  bars.png       400x100 RGB: four vertical bars (red, green, blue, black), for
                 checking the placed size on the rendered page
"""
import struct
import sys
import zlib


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(w, h, depth, ctype, raw_rows, interlace=0, extra=b""):
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in raw_rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def adam7(w, h, px):
    """Rows of the seven Adam7 passes (each with its own filter bytes)."""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
              (1, 0, 2, 2), (0, 1, 1, 2)]
    rows = []
    for x0, y0, dx, dy in passes:
        for y in range(y0, h, dy):
            xs = list(range(x0, w, dx))
            if xs:
                rows.append(b"".join(px(x, y) for x in xs))
    return rows


def main(d):
    def write(name, data):
        with open(f"{d}/{name}", "wb") as f:
            f.write(data)

    rgba = png(40, 20, 8, 6, [b"".join(b"\xff\x00\x00\xff" if x < 20 else b"\x00\x00\xff\x00"
                                       for x in range(40)) for _ in range(20)])
    write("rgba.png", rgba)
    write("grey.png", png(30, 30, 8, 0, [bytes([x * 8 for x in range(30)]) for _ in range(30)]))
    write("deep.png", png(16, 16, 16, 2, [b"".join(struct.pack(">HHH", 65535, x * 4000, 0)
                                                   for x in range(16)) for _ in range(16)]))
    plte = chunk(b"PLTE", b"\x00\x80\x00\xff\xff\xff") + chunk(b"tRNS", b"\xff\x00")
    write("palette.png", png(8, 8, 8, 3, [bytes([x % 2 for x in range(8)]) for _ in range(8)],
                             extra=plte))
    # Interlaced PNGs hold each pass's rows with their own filter bytes; png()
    # adds a filter byte to each row given.
    write("interlaced.png", png(17, 9, 8, 2, adam7(17, 9, lambda x, y: bytes([x * 15, y * 28, 99])),
                                interlace=1))
    idat = rgba.index(b"IDAT")
    write("truncated.png", rgba[:idat + 20])
    write("fake.png", b"this is not a picture\n" * 4)
    write("huge.png", b"\x89PNG\r\n\x1a\n" +
          chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)) +
          chunk(b"IEND", b""))
    sof = struct.pack(">BHHB", 8, 16, 16, 4) + b"".join(bytes([i + 1, 0x11, 0]) for i in range(4))
    write("cmyk.jpg", b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00"
          + b"\x00\x01\x00\x01\x00\x00" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof
          + b"\xff\xd9")
    colours = [b"\xff\x00\x00", b"\x00\xff\x00", b"\x00\x00\xff", b"\x00\x00\x00"]
    write("bars.png", png(400, 100, 8, 2, [b"".join(colours[x // 100] for x in range(400))
                                           for _ in range(100)]))


if __name__ == "__main__":
    main(sys.argv[1])
