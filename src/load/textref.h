/* textref.h - evidence references written as plain text, as agencies write
 * them: "(ตามหลักฐานอ้างอิง ข้อ ๒๕ และ ๒๖)", "หลักฐาน ข้อ 3", "หลักฐานที่ 4-6". */
#ifndef RG_LOAD_TEXTREF_H
#define RG_LOAD_TEXTREF_H

#include <stddef.h>

/* One item number found in text: bytes [start, end) are its digits. */
typedef struct textref {
    size_t start, end; /* the number's bytes in the scanned text */
    long item;         /* its value (Thai or Arabic digits) */
} textref;

/* Called for each number, in order. */
typedef void (*textref_fn)(void *user, const textref *r);

/* Find the evidence references in s (n bytes of UTF-8) and call fn for
 * each item number, in order.  A reference is หลักฐาน (optionally
 * followed by อ้างอิง or ประกอบ), then ข้อ, ข้อที่ or ที่ (spaces allowed
 * between), then a number, then more numbers each after a separator (",",
 * และ, หรือ, ถึง or a dash, optionally followed by ข้อ or ข้อที่): "ข้อ ๒๕
 * และ ๒๖", "ข้อ 1, 2 และ 3", "ข้อ 3-5" (a range: both ends are found).
 * Numbers are 1 to 9 digits, Arabic or Thai.  A number followed by "."
 * and a digit ("7.1", a sub-item) or written with a thousands comma is not
 * an item number and ends the list.  "หลักฐาน 3 ชิ้น" (no ข้อ/ที่) is no
 * reference.  Linear in n. */
void textref_scan(const char *s, size_t n, textref_fn fn, void *user);

#endif
