"""The images domain (Pillow): what an image file is, read cheaply at load (format, size as shown,
animation, problems), and what is published of it: metadata stripped, orientation applied, sRGB,
several widths in WebP and the original format; the site's icons. May import civicsite.core only."""
