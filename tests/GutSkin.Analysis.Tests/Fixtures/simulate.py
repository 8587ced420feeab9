#!/usr/bin/python3
"""Monte-Carlo check of the association method (PRODUCT.md "Statistics") on simulated streaky journals.

Every series is what a member logs: a day-to-day streak (latent AR(1) with coefficient phi), 20% self-rating noise
on top of it, rounded to whole points (clipped to the item's range). It prints, for phi in {0, 0.3, 0.6, 0.8, 0.9}
and n in {60, 180, 365} days, under the method of reference.py (lag-1 and lag-2 autocorrelations, rho(k) = c*phi^k)
and under the earlier lag-1-only rule (AR(1), n(1 - rx ry)/(1 + rx ry)):

  1. null journals: 4 habits x 2 skin items x lags 0-3 = 32 tests, no real effect anywhere: the share of tests with
     p <= 0.05 and the share of journals with a finding (Benjamini-Hochberg q <= 0.10 over the journal's tests);
  2. coverage of the 95% interval of a planted effect (outcome = b * factor + streaky noise; r about 0.3);
  3. power for r = 0.3 at phi 0.6 (the cost of the honest interval);
  4. null A-B experiments (60 + 60 days, onset 0): the share called "helped" or "worse".

Fixed seeds; the same numbers on every run. About a minute on a busy 2-core machine. Not part of ./test.sh.

The statistics are computed vectorised (numpy over all replications at once); a self-check first asserts that the
vectorised code agrees with reference.association() to 1e-9 on 300 simulated pairs, and that the q-values agree
with statsmodels.

Usage (Debian's Python): /usr/bin/python3 simulate.py [--quick]
"""
import math
import sys
import time

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

import reference

PHIS = [0.0, 0.3, 0.6, 0.8, 0.9]
DAYS = [60, 180, 365]
RATING_NOISE = 0.2  # share of a series' latent variance that is day-to-day self-rating noise
HABITS, SKIN, LAGS = 4, 2, 4
QUICK = "--quick" in sys.argv
JOURNALS = 300 if QUICK else 2000  # null journals per cell
REPS = 1000 if QUICK else 6000  # coverage, power and experiment replications per cell


# ---------------------------------------------------------------- simulated series

def logged(rng, shape, phi, mean, scale, low, high):
    """Whole-point values of a streaky series: round(mean + scale * (sqrt(0.8) * AR(1) + sqrt(0.2) * noise))."""
    n = shape[-1]
    z = np.empty(shape)
    z[..., 0] = rng.standard_normal(shape[:-1])
    innovation = math.sqrt(1 - phi * phi)
    for t in range(1, n):
        z[..., t] = phi * z[..., t - 1] + innovation * rng.standard_normal(shape[:-1])
    latent = math.sqrt(1 - RATING_NOISE) * z + math.sqrt(RATING_NOISE) * rng.standard_normal(shape)
    return np.clip(np.round(mean + scale * latent), low, high)


def habit(rng, shape, phi):
    return logged(rng, shape, phi, 3.0, 1.5, 0, 20)  # servings a day


def skin(rng, shape, phi):
    return logged(rng, shape, phi, 5.0, 2.0, 0, 10)  # a 0-10 severity


# ---------------------------------------------------------------- the method, vectorised over the leading axes

def model(rho1, rho2):
    """c and phi of rho(k) = c * phi^k (PRODUCT.md), elementwise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        branch = (rho1 > 0) & (rho2 > rho1 * rho1)
        phi = np.where(branch, np.minimum(rho2 / rho1, reference.MAX_PHI), np.clip(rho1, -reference.MAX_PHI, reference.MAX_PHI))
        c = np.where(branch, rho1 / phi, 1.0)
    return c, phi


def association(x, y):
    """Effect, SE, p and 95% CI under the method and under the lag-1 rule, for rows along the last axis."""
    n = x.shape[-1]
    dx = x - x.mean(-1, keepdims=True)
    dy = y - y.mean(-1, keepdims=True)
    sxx, syy, sxy = (dx * dx).sum(-1), (dy * dy).sum(-1), (dx * dy).sum(-1)
    r = np.clip(sxy / np.sqrt(sxx * syy), -1, 1)
    ratio = np.sqrt(syy / sxx)
    rho1x, rho2x = (dx[..., :-1] * dx[..., 1:]).sum(-1) / sxx, (dx[..., :-2] * dx[..., 2:]).sum(-1) / sxx
    rho1y, rho2y = (dy[..., :-1] * dy[..., 1:]).sum(-1) / syy, (dy[..., :-2] * dy[..., 2:]).sum(-1) / syy
    cx, phix = model(rho1x, rho2x)
    cy, phiy = model(rho1y, rho2y)
    a = phix * phiy
    same_sign = rho1x * rho1y > 0
    neff = np.maximum(np.where(same_sign, n / (1 + 2 * cx * cy * a / (1 - a)), n), reference.MIN_NEFF)
    prod = rho1x * rho1y
    neff_old = np.maximum(np.where(prod > 0, n * (1 - prod) / (1 + prod), n), reference.MIN_NEFF)
    effect = r * ratio
    out = dict(effect=effect, r=r, rhoFactor=rho1x, rho2Factor=rho2x, rhoOutcome=rho1y, rho2Outcome=rho2y,
               cFactor=cx, phiFactor=phix, cOutcome=cy, phiOutcome=phiy)
    for suffix, ne in (("", neff), ("Old", neff_old)):
        df = ne - 2
        se = ratio * np.sqrt((1 - r * r) / df)
        q = stats.t.ppf(0.975, df)
        out.update({"effectiveDays" + suffix: ne, "standardError" + suffix: se,
                    "pValue" + suffix: np.minimum(1.0, 2 * stats.t.sf(np.abs(effect / se), df)),
                    "ciLow" + suffix: effect - q * se, "ciHigh" + suffix: effect + q * se})
    return out


def bh_min_q(p):
    """Smallest Benjamini-Hochberg q-value of each row of p (tests along the last axis)."""
    m = p.shape[-1]
    ranked = np.sort(p, axis=-1) * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(ranked[..., ::-1], axis=-1)[..., ::-1]
    return np.minimum(q, 1.0).min(-1)


def self_check():
    rng = np.random.default_rng(7)
    worst = 0.0
    for i in range(300):
        n, phi = int(rng.integers(14, 200)), float(rng.choice(PHIS))
        x, y = habit(rng, (n,), phi), skin(rng, (n,), phi)
        if np.all(x == x[0]) or np.all(y == y[0]):
            continue
        want = reference.association(x, y)
        got = association(x[None, :], y[None, :])
        for key in ("effect", "r", "rhoFactor", "rho2Factor", "cFactor", "phiFactor", "rhoOutcome", "rho2Outcome",
                    "cOutcome", "phiOutcome", "effectiveDays", "standardError", "pValue"):
            scale = max(abs(want[key]), 1e-300)
            worst = max(worst, abs(float(got[key][0]) - want[key]) / scale)
        # the interval ends relative to the half-width: scipy's t.ppf is good to about 1e-9, not to the last bit
        half = want["ciHigh"] - want["effect"]
        assert abs(float(got["ciLow"][0]) - want["ciLow"]) <= 1e-8 * half, "interval differs from reference.association"
    assert worst < 1e-9, f"vectorised statistics differ from reference.association by {worst:.2e}"
    p = rng.uniform(size=(50, 32)) ** 3
    want = np.array([multipletests(row, method="fdr_bh")[1].min() for row in p])
    assert np.allclose(bh_min_q(p), want, rtol=1e-12, atol=0), "q-values differ from statsmodels"
    return worst


# ---------------------------------------------------------------- experiments

def null_journals(phi, n, seed):
    """Share of null tests with p <= 0.05 and of null journals with a finding (q <= 0.10), method and lag-1 rule."""
    rng = np.random.default_rng(seed)
    done, shares, shares_old, found, found_old = 0, [], [], 0, 0
    while done < JOURNALS:
        batch = min(500, JOURNALS - done)
        f = habit(rng, (batch, HABITS, n), phi)
        o = skin(rng, (batch, SKIN, n), phi)
        p, p_old = [], []
        for lag in range(LAGS):
            x = f[:, :, None, :n - lag]
            y = o[:, None, :, lag:]
            x, y = np.broadcast_arrays(x, y)
            a = association(x, y)
            p.append(a["pValue"].reshape(batch, -1))
            p_old.append(a["pValueOld"].reshape(batch, -1))
        p, p_old = np.concatenate(p, axis=1), np.concatenate(p_old, axis=1)
        shares.append((p <= 0.05).mean(axis=1))
        shares_old.append((p_old <= 0.05).mean(axis=1))
        found += int((bh_min_q(p) <= reference.Q_FINDING).sum())
        found_old += int((bh_min_q(p_old) <= reference.Q_FINDING).sum())
        done += batch
    # Tests within a journal share their series, so the Monte-Carlo error comes from the spread between journals.
    shares, shares_old = np.concatenate(shares), np.concatenate(shares_old)
    error = float(shares.std(ddof=1) / math.sqrt(JOURNALS))
    return float(shares.mean()), float(shares_old.mean()), found / JOURNALS, found_old / JOURNALS, error


def planted(phi, n, seed, r_target=0.3):
    """Coverage of the 95% interval and power (p <= 0.05) for a planted effect, method and lag-1 rule."""
    rng = np.random.default_rng(seed)
    x = habit(rng, (REPS, n), phi)
    noise = skin(rng, (REPS, n), phi)
    # corr(b x + e, x) = r when b = r/sqrt(1 - r^2) * sd(e)/sd(x), with the generating sds (1.5 and 2.0)
    b = r_target / math.sqrt(1 - r_target ** 2) * 2.0 / 1.5
    a = association(x, b * x + noise)
    cover = float(np.mean((a["ciLow"] <= b) & (b <= a["ciHigh"])))
    cover_old = float(np.mean((a["ciLowOld"] <= b) & (b <= a["ciHighOld"])))
    return cover, cover_old, float(np.mean(a["pValue"] <= 0.05)), float(np.mean(a["pValueOld"] <= 0.05))


def null_experiments(phi, seed, baseline=60, treated=60):
    """Share of null A-B experiments called helped or worse (the 95% CI wholly on one side of 0)."""
    rng = np.random.default_rng(seed)
    y = skin(rng, (REPS, baseline + treated), phi)
    x = np.broadcast_to(np.r_[np.zeros(baseline), np.ones(treated)], y.shape)
    a = association(x, y)

    def called(lo, hi):  # first rule that holds: "no meaningful change" (within +-0.5) comes before helped/worse
        return float(np.mean(((hi < 0) | (lo > 0)) & ~((lo >= -0.5) & (hi <= 0.5))))

    return called(a["ciLow"], a["ciHigh"]), called(a["ciLowOld"], a["ciHighOld"])


def se(p, count):
    return math.sqrt(p * (1 - p) / count)


def main():
    started = time.time()
    worst = self_check()
    print(f"Self-check: vectorised statistics agree with reference.association to {worst:.1e}; q-values with statsmodels.")
    print(f"Series: latent AR(1) + {RATING_NOISE:.0%} rating noise, whole points; {JOURNALS} null journals "
          f"({HABITS} habits x {SKIN} skin items x lags 0-{LAGS - 1}) and {REPS} replications per cell.\n")

    print("1. Null journals (no real effect): tests with p <= 0.05 | journals with a finding (q <= 0.10); new (old rule)\n")
    print("| phi | n | tests p <= 0.05 | journals with a finding |")
    print("|---|---|---|---|")
    errors = []
    for i, phi in enumerate(PHIS):
        for j, n in enumerate(DAYS):
            t, t_old, j_new, j_old, error = null_journals(phi, n, 1000 + 10 * i + j)
            errors.append(error)
            print(f"| {phi} | {n} | {t:.1%} ({t_old:.1%}) | {j_new:.1%} ({j_old:.1%}) |")
    print(f"\nMonte-Carlo error (one SE): tests at most +-{100 * max(errors):.2f} points ({JOURNALS * HABITS * SKIN * LAGS} tests "
          f"a cell, from the spread between journals); journals +-{100 * se(0.05, JOURNALS):.1f} points at 5%.\n")

    print("2. Coverage of the 95% interval of a planted effect (r about 0.3), both series streaky; new (old rule)\n")
    print("| phi | n | coverage |")
    print("|---|---|---|")
    for i, phi in enumerate(PHIS):
        for j, n in enumerate(DAYS):
            cover, cover_old, _, _ = planted(phi, n, 2000 + 10 * i + j)
            print(f"| {phi} | {n} | {cover:.1%} ({cover_old:.1%}) |")
    print(f"\nMonte-Carlo error: +-{100 * se(0.95, REPS):.1f} points (one SE at 95%).\n")

    print("3. Power for r = 0.3 at phi 0.6 (p <= 0.05): new rule vs old rule\n")
    print("| n | new | old |")
    print("|---|---|---|")
    for j, n in enumerate(DAYS):
        _, _, power, power_old = planted(0.6, n, 3000 + j)
        print(f"| {n} | {power:.1%} | {power_old:.1%} |")
    print(f"\nMonte-Carlo error: +-{100 * se(0.5, REPS):.1f} points at most (the two rules share the data, so their "
          f"difference is known more closely).\n")

    print("4. Null A-B experiments (60 baseline + 60 intervention days, no effect) called helped or worse; new (old rule)\n")
    print("| phi | called helped or worse |")
    print("|---|---|")
    for i, phi in enumerate(PHIS):
        new, old = null_experiments(phi, 4000 + i)
        print(f"| {phi} | {new:.1%} ({old:.1%}) |")
    print(f"\nMonte-Carlo error: +-{100 * se(0.05, REPS):.1f} points at 5%.")
    print(f"\n{time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
