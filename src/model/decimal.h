/* decimal.h - exact decimal numbers for scores, weights and totals.
 *
 * A score is what a planning officer computes on paper, so raingan computes
 * it the same way: in decimal, never in binary floating point (0.6 stays
 * 0.6, never 0.6000000001).  An rg_dec is a signed 128-bit coefficient and
 * a decimal scale: value = coef / 10^scale.  The coefficient holds up to 36
 * significant digits (RG_DEC_MAX_DIGITS) and the scale at most
 * RG_DEC_MAX_SCALE decimals, so every value of a report source fits, and
 * the scores' arithmetic (weights x scores, thresholds, ratios) is exact
 * until a division, which rounds to the decimals asked for.
 *
 * Rounding follows an rg_rounding: the places kept and the mode that
 * settles the digits dropped (a document's decimals= and rounding=).  The
 * default, half up in magnitude (2.5 -> 3, 0.00005 -> 0.0001 at 4
 * decimals, -2.5 -> -3), is the rule of Thai reports and of the
 * calculators agencies publish; half-even (2.5 -> 2, 3.5 -> 4) and down
 * (truncation toward zero: 2.99 -> 2, -2.99 -> -2) are there for the
 * agencies whose rules say so.  Operations that can fail return 0 on success and -1
 * when the result does not fit (a hostile source's 10^36 threshold times
 * another one); the caller reports it.  The struct is plain data: copy it. */
#ifndef RG_MODEL_DECIMAL_H
#define RG_MODEL_DECIMAL_H

#include <stddef.h>

__extension__ typedef __int128 rg_i128;

/* Most significant digits a coefficient may hold. */
#define RG_DEC_MAX_DIGITS 36
/* Most decimals a value may carry (what `decimals` may ask for). */
#define RG_DEC_MAX_SCALE 20

/* A decimal: coef / 10^scale.  Invariant: |coef| < 10^36, 0 <= scale <=
 * RG_DEC_MAX_SCALE.  Zero may carry any scale and is never negative. */
typedef struct rg_dec {
    rg_i128 coef; /* the digits, signed */
    int scale;    /* decimals: value = coef / 10^scale */
} rg_dec;

/* How the digits a rounding drops are settled (rounding="..." of a report). */
typedef enum rg_round_mode {
    RG_ROUND_HALF_UP = 0, /* "half-up": a half goes away from zero: 2.5 -> 3, -2.5 -> -3 */
    RG_ROUND_HALF_EVEN,   /* "half-even": a half goes to the even digit: 2.5 -> 2, 3.5 -> 4 */
    RG_ROUND_DOWN         /* "down": the digits are dropped (toward zero): 2.99 -> 2 */
} rg_round_mode;

/* How a document rounds every computed figure: places and mode.  Plain
 * data; {4, RG_ROUND_HALF_UP} is the default of a report. */
typedef struct rg_rounding {
    int places;         /* decimals kept, 0..RG_DEC_MAX_SCALE (out of range: clamped) */
    rg_round_mode mode; /* how the dropped digits are settled */
} rg_rounding;

/* The mode's name as written in sources ("half-up", "half-even", "down");
 * NULL for an out-of-range value. */
const char *dec_round_mode_name(rg_round_mode m);

/* The mode named s, or -1 when s names none (NULL included). */
int dec_round_mode_from_name(const char *s);

/* Status of dec_parse. */
enum { DEC_OK = 0, DEC_SYNTAX = -1, DEC_TOO_LARGE = -2 };

/* Parse an xsd:decimal ([+-]digits[.digits], at least one digit, no
 * exponent, no spaces).  Fraction digits beyond RG_DEC_MAX_SCALE, or
 * beyond 36 significant digits, are rounded half up.  Returns DEC_OK,
 * DEC_SYNTAX (not a decimal, or NULL/empty) or DEC_TOO_LARGE (more than 36
 * digits before the point).  "-0" parses as 0. */
int dec_parse(const char *s, rg_dec *out);

/* The whole number n. */
rg_dec dec_from_int(long long n);

/* Sum, difference, product: exact; -1 when the result does not fit. */
int dec_add(rg_dec a, rg_dec b, rg_dec *out);
int dec_sub(rg_dec a, rg_dec b, rg_dec *out);
int dec_mul(rg_dec a, rg_dec b, rg_dec *out);

/* a / b rounded by r (r.places in 0..RG_DEC_MAX_SCALE): the exact
 * quotient rounded once.  -1 when b is zero, r.places is out of range or
 * the quotient does not fit. */
int dec_div(rg_dec a, rg_dec b, rg_rounding r, rg_dec *out);

/* a rounded by r (r.places >= a.scale: unchanged; r.places < 0 counts as
 * 0). */
rg_dec dec_round(rg_dec a, rg_rounding r);

/* <0, 0, >0 as a < b, a == b, a > b. */
int dec_cmp(rg_dec a, rg_dec b);

/* 1 when a is zero. */
int dec_is_zero(rg_dec a);

/* The nearest double (for the API's numeric accessors only). */
double dec_to_double(rg_dec a);

/* Format a rounded by r (places clamped to 0..20; fewer decimals than
 * r.places are padded with zeros) into out (at least 64 bytes) and return
 * out.  trim: drop trailing fraction zeros and a trailing point ("1.5000"
 * -> "1.5", "30.00" -> "30").  A value that rounds to zero prints without
 * a sign ("0", never "-0"). */
char *dec_format(rg_dec a, rg_rounding r, int trim, char *out, size_t size);

/* Shortest exact form ("0.6", "95.7381", "100"), into out (>= 64 bytes). */
char *dec_str(rg_dec a, char *out, size_t size);

/* With all the decimals it carries ("401.70" as parsed; "1.5000" for a
 * value rounded to 4 places), into out (>= 64 bytes). */
char *dec_written(rg_dec a, char *out, size_t size);

#endif
