/* decimal.c - exact decimal arithmetic on a 128-bit coefficient.
 *
 * Design: a value is coef / 10^scale (decimal.h).  Addition aligns the
 * scales (multiplying the coarser coefficient by a power of ten),
 * multiplication multiplies coefficients and adds scales, division scales
 * the dividend so the integer quotient has the decimals asked for and
 * rounds on the remainder by the mode asked for (away_from_zero: half-up
 * when |2r| >= |d|, half-even when |2r| > |d| or a half leaves an odd
 * quotient, down never), so every result is the exact one rounded once.  The bound |coef| < 10^36 leaves two
 * digits of headroom in the 128-bit integer (10^38 < 2^127) for the
 * aligning multiplications, each checked with __builtin_mul_overflow.
 * Where a product's decimals exceed RG_DEC_MAX_SCALE it is rounded to
 * RG_DEC_MAX_SCALE; where its digits exceed the bound even after that,
 * the operation fails instead of returning a wrong value.  Those inner
 * roundings (at 20 decimals, of values a report never holds) stay half
 * up whatever the document's mode: the mode applies where a figure is
 * rounded to the places the document prints.
 *
 * Trade-off: 36 digits and 20 decimals are far more than any score needs
 * (a report prints 4 decimals) and keep every operation a few integer
 * instructions; an arbitrary-precision type would cost an allocation per
 * operation for nothing a planning officer could see. */
#include "model/decimal.h"

#include <stdio.h>
#include <string.h>

/* 10^n for 0 <= n <= 38. */
static rg_i128 pow10i(int n)
{
    rg_i128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* |v| < 10^36. */
static int fits(rg_i128 v)
{
    const rg_i128 l = (rg_i128)1000000000000000000 * 1000000000000000000; /* 10^36 */
    return v < l && v > -l;
}

static const char *const mode_names[] = {"half-up", "half-even", "down"};

const char *dec_round_mode_name(rg_round_mode m)
{
    return (int)m >= 0 && (size_t)m < sizeof mode_names / sizeof mode_names[0] ? mode_names[m]
                                                                                : NULL;
}

int dec_round_mode_from_name(const char *s)
{
    for (size_t i = 0; s && i < sizeof mode_names / sizeof mode_names[0]; i++)
        if (!strcmp(s, mode_names[i]))
            return (int)i;
    return -1;
}

/* 1 when a truncated quotient q, whose dropped remainder is r of the unit
 * d (0 <= r < d, both magnitudes), moves one unit away from zero under
 * mode.  r >= d - r is 2r >= d without overflow. */
static int away_from_zero(rg_i128 q, rg_i128 r, rg_i128 d, rg_round_mode mode)
{
    if (r == 0 || mode == RG_ROUND_DOWN)
        return 0;
    if (mode == RG_ROUND_HALF_EVEN && r == d - r)
        return q % 2 != 0;
    return r >= d - r;
}

/* v / 10^n rounded by mode (n >= 0). */
static rg_i128 shift_round(rg_i128 v, int n, rg_round_mode mode)
{
    if (n <= 0)
        return v;
    if (n > 38)
        return 0;
    rg_i128 p = pow10i(n), q = v / p, r = v % p;
    if (r < 0)
        r = -r;
    if (away_from_zero(q, r, p, mode))
        q += v < 0 ? -1 : 1;
    return q;
}

/* v / 10^n rounded half away from zero: the inner roundings. */
static rg_i128 shift_down(rg_i128 v, int n)
{
    return shift_round(v, n, RG_ROUND_HALF_UP);
}

/* a with its scale raised to s (s >= a.scale); -1 when it does not fit. */
static int rescale_up(rg_dec a, int s, rg_i128 *out)
{
    rg_i128 r;
    if (s - a.scale > 38 || __builtin_mul_overflow(a.coef, pow10i(s - a.scale), &r))
        return -1;
    *out = r;
    return 0;
}

int dec_parse(const char *s, rg_dec *out)
{
    if (!s || !*s)
        return DEC_SYNTAX;
    const char *p = s;
    int neg = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    const char *ip = p;
    while (*p >= '0' && *p <= '9')
        p++;
    const char *iend = p, *fp = p, *fend = p;
    if (*p == '.') {
        fp = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        fend = p;
    }
    if (*p || (iend == ip && fend == fp))
        return DEC_SYNTAX;
    while (ip < iend && *ip == '0')
        ip++;
    /* trailing zeros are kept: "401.70" keeps scale 2, so the working
     * shows the number as the source wrote it */
    int nint = (int)(iend - ip);
    if (nint > RG_DEC_MAX_DIGITS)
        return DEC_TOO_LARGE;
    int nfrac = (int)(fend - fp);
    /* keep at most 20 decimals and 36 digits; one more for rounding */
    int keep = nfrac;
    if (keep > RG_DEC_MAX_SCALE)
        keep = RG_DEC_MAX_SCALE;
    if (nint + keep > RG_DEC_MAX_DIGITS)
        keep = RG_DEC_MAX_DIGITS - nint;
    rg_i128 c = 0;
    for (const char *q = ip; q < iend; q++)
        c = c * 10 + (*q - '0');
    for (int i = 0; i < keep; i++)
        c = c * 10 + (fp[i] - '0');
    if (keep < nfrac && fp[keep] >= '5')
        c++;
    if (!fits(c)) /* 999...9.9 rounded up past 36 digits */
        return DEC_TOO_LARGE;
    out->coef = neg ? -c : c;
    out->scale = keep;
    return DEC_OK;
}

rg_dec dec_from_int(long long n)
{
    return (rg_dec){n, 0};
}

int dec_add(rg_dec a, rg_dec b, rg_dec *out)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    rg_i128 x, y, r;
    if (rescale_up(a, s, &x) || rescale_up(b, s, &y) || __builtin_add_overflow(x, y, &r) ||
        !fits(r))
        return -1;
    *out = (rg_dec){r, s};
    return 0;
}

int dec_sub(rg_dec a, rg_dec b, rg_dec *out)
{
    b.coef = -b.coef;
    return dec_add(a, b, out);
}

/* a with trailing fraction zeros removed (same value, smallest scale). */
static rg_dec normal(rg_dec a)
{
    while (a.scale > 0 && a.coef % 10 == 0) {
        a.coef /= 10;
        a.scale--;
    }
    return a;
}

int dec_mul(rg_dec a, rg_dec b, rg_dec *out)
{
    a = normal(a);
    b = normal(b);
    rg_i128 r;
    /* too many decimals for an exact product: drop the excess first */
    while (a.scale + b.scale > RG_DEC_MAX_SCALE + 2 ||
           __builtin_mul_overflow(a.coef, b.coef, &r)) {
        if (a.scale == 0 && b.scale == 0)
            return -1;
        if (a.scale >= b.scale)
            a = (rg_dec){shift_down(a.coef, 1), a.scale - 1};
        else
            b = (rg_dec){shift_down(b.coef, 1), b.scale - 1};
    }
    int s = a.scale + b.scale;
    if (s > RG_DEC_MAX_SCALE) {
        r = shift_down(r, s - RG_DEC_MAX_SCALE);
        s = RG_DEC_MAX_SCALE;
    }
    if (!fits(r))
        return -1;
    *out = (rg_dec){r, s};
    return 0;
}

int dec_div(rg_dec a, rg_dec b, rg_rounding rnd, rg_dec *out)
{
    int places = rnd.places;
    if (b.coef == 0 || places < 0 || places > RG_DEC_MAX_SCALE)
        return -1;
    a = normal(a);
    b = normal(b);
    /* q = a.coef * 10^(places + b.scale - a.scale) / b.coef */
    int e = places + b.scale - a.scale;
    rg_i128 n = a.coef, d = b.coef;
    if (e >= 0) {
        if (e > 38 || __builtin_mul_overflow(n, pow10i(e), &n))
            return -1;
    } else if (-e > 38 || __builtin_mul_overflow(d, pow10i(-e), &d)) {
        *out = (rg_dec){0, places}; /* |a/b| < 10^-38: rounds to zero */
        return 0;
    }
    rg_i128 q = n / d, r = n % d;
    if (r < 0)
        r = -r;
    rg_i128 ad = d < 0 ? -d : d;
    if (away_from_zero(q, r, ad, rnd.mode))
        q += (n < 0) != (d < 0) ? -1 : 1;
    if (!fits(q))
        return -1;
    *out = (rg_dec){q, places};
    return 0;
}

rg_dec dec_round(rg_dec a, rg_rounding r)
{
    int places = r.places < 0 ? 0 : r.places;
    if (places >= a.scale)
        return a;
    return (rg_dec){shift_round(a.coef, a.scale - places, r.mode), places};
}

int dec_cmp(rg_dec a, rg_dec b)
{
    rg_dec d;
    if (dec_sub(a, b, &d) == 0)
        return d.coef < 0 ? -1 : d.coef > 0;
    /* too far apart to subtract exactly: the signs, then the magnitudes */
    if ((a.coef < 0) != (b.coef < 0))
        return a.coef < 0 ? -1 : 1;
    double x = dec_to_double(a), y = dec_to_double(b);
    return x < y ? -1 : x > y;
}

int dec_is_zero(rg_dec a)
{
    return a.coef == 0;
}

double dec_to_double(rg_dec a)
{
    double v = (double)a.coef;
    for (int i = 0; i < a.scale; i++)
        v /= 10;
    return v;
}

char *dec_format(rg_dec a, rg_rounding rnd, int trim, char *out, size_t size)
{
    int places = rnd.places;
    if (places < 0)
        places = 0;
    if (places > RG_DEC_MAX_SCALE)
        places = RG_DEC_MAX_SCALE;
    rg_i128 c = a.coef;
    int pad = 0; /* zeros to append: the value has fewer decimals than asked */
    if (places < a.scale)
        c = shift_round(c, a.scale - places, rnd.mode);
    else
        pad = places - a.scale;
    char dig[96]; /* least significant first */
    int n = 0;
    int neg = c < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)c : (unsigned __int128)c;
    while (pad-- > 0)
        dig[n++] = '0';
    do {
        dig[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    while (n <= places)
        dig[n++] = '0';
    int frac = places;
    if (trim)
        while (frac > 0 && dig[places - frac] == '0')
            frac--;
    size_t k = 0;
    char tmp[96];
    if (neg)
        tmp[k++] = '-';
    for (int i = n - 1; i >= places; i--)
        tmp[k++] = dig[i];
    if (frac) {
        tmp[k++] = '.';
        for (int i = places - 1; i >= places - frac; i--)
            tmp[k++] = dig[i];
    }
    tmp[k] = 0;
    snprintf(out, size, "%s", tmp);
    return out;
}

char *dec_str(rg_dec a, char *out, size_t size)
{
    return dec_format(a, (rg_rounding){a.scale, RG_ROUND_HALF_UP}, 1, out, size);
}

char *dec_written(rg_dec a, char *out, size_t size)
{
    return dec_format(a, (rg_rounding){a.scale, RG_ROUND_HALF_UP}, 0, out, size);
}
