"""OCR damage in prose: tokens that are not words, and names spelled two ways."""
