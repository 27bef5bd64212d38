/* memory.c: functions over a WebAssembly.Memory that JS creates and the module imports
 * (linked with --import-memory): JS writes its input bytes there, calls in with addresses, and
 * reads the results from the same memory. No libc; driven by memory.mjs. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

/* Set by wasm-ld after the stack and the data: the memory from here on is the host's to use. */
extern unsigned char __heap_base;

EXPORT("heap_base") uintptr_t heap_base(void)
{
    return (uintptr_t)&__heap_base;
}

/* Counts the letters a-z (either case) of text[0..len) into counts[26] and returns the number of
 * words (maximal runs of letters, digits and apostrophes). */
EXPORT("letter_stats")
uint32_t letter_stats(const unsigned char *text, size_t len, uint32_t *counts)
{
    uint32_t words = 0;
    int in_word = 0;
    for (int i = 0; i < 26; i++)
        counts[i] = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = text[i] | 0x20; /* ASCII lower case; other bytes stay out of 'a'..'z' */
        int letter = c >= 'a' && c <= 'z';
        int word_char = letter || (text[i] >= '0' && text[i] <= '9') || text[i] == '\'';
        if (letter)
            counts[c - 'a']++;
        words += word_char && !in_word;
        in_word = word_char;
    }
    return words;
}

/* Upper-cases the ASCII letters of text[0..len) in place: JS sees the change without a copy. */
EXPORT("upcase") void upcase(unsigned char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] >= 'a' && text[i] <= 'z')
            text[i] -= 'a' - 'A';
}

/* Sorts v[0..n) in place (insertion sort: the inputs here are small). */
EXPORT("sort_i32") void sort_i32(int32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* memory.grow from inside Wasm: returns the old size in pages, or -1 when over the maximum. */
EXPORT("grow") int32_t grow(int32_t pages)
{
    return (int32_t)__builtin_wasm_memory_grow(0, (size_t)pages);
}
