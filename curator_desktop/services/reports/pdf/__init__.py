"""Writing report PDFs: the file writer, its side thread and digest, the QR code, photo copies."""
