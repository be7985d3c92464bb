"""Universal Scalability Law X(N) = λN / (1 + σ(N-1) + κN(N-1)), fitted by least squares."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import optimize

from archwise.errors import InputError

FloatArray = NDArray[np.float64]
FAR_BELOW_PEAK = 0.5  # warn when the largest measured N is below this fraction of N*


def usl_throughput(n: FloatArray | float, sigma: float, kappa: float, lam: float) -> FloatArray:
    """Throughput the USL predicts at concurrency n."""
    n_arr = np.asarray(n, dtype=np.float64)
    return lam * n_arr / (1.0 + sigma * (n_arr - 1.0) + kappa * n_arr * (n_arr - 1.0))


def peak_concurrency(sigma: float, kappa: float) -> float:
    """N* = sqrt((1 - σ) / κ), infinite when κ = 0 (no retrograde region)."""
    if kappa <= 0:
        return math.inf
    return math.sqrt(max(0.0, 1.0 - sigma) / kappa)


def knee_concurrency(sigma: float) -> float:
    """Gunther's N_opt = 1/σ: where the ideal line meets the Amdahl ceiling λ/σ."""
    return math.inf if sigma <= 0 else 1.0 / sigma


def finite(x: float) -> float | None:
    """x, or None when it is infinite or NaN (JSON has no infinity)."""
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class Interval:
    """A point estimate with a bootstrap confidence interval; None means unbounded."""

    value: float | None
    low: float | None
    high: float | None


@dataclass
class USLFit:
    """A fitted USL model, its derived limits, their intervals and any warnings."""

    sigma: float
    kappa: float
    lam: float
    r_squared: float
    points: int
    peak_n: float | None  # None: κ = 0, no peak
    peak_throughput: float | None
    knee_n: float | None  # None: σ = 0, no knee
    knee_throughput: float | None
    amdahl_ceiling: float | None
    max_measured_n: float
    confidence: float
    bootstrap_samples: int
    seed: int
    intervals: dict[str, Interval] = field(default_factory=dict)
    band: list[tuple[float, float, float]] = field(default_factory=list)  # (N, low, high)
    warnings: list[str] = field(default_factory=list)

    def predict(self, n: FloatArray | float) -> FloatArray:
        """Throughput the fit predicts at concurrency n."""
        return usl_throughput(n, self.sigma, self.kappa, self.lam)


def _fit_params(
    n: FloatArray, x: FloatArray, start: tuple[float, float, float], tol: float = 1e-15
) -> FloatArray:
    lam_scale = max(start[2], 1e-12)

    def resid(p: FloatArray) -> FloatArray:
        out: FloatArray = usl_throughput(n, p[0], p[1], p[2] * lam_scale) - x
        return out

    res = optimize.least_squares(
        resid,
        x0=np.array([start[0], start[1], 1.0]),
        bounds=([0.0, 0.0, 1e-9], [1.0, np.inf, np.inf]),
        method="trf",
        x_scale="jac",
        xtol=tol,
        ftol=tol,
        gtol=tol,
        max_nfev=5000,
    )
    p: FloatArray = np.array([res.x[0], res.x[1], res.x[2] * lam_scale])
    return p


def _snap(p: FloatArray, top: float) -> FloatArray:
    """Coefficients whose effect over the measured range is below rounding are zero (the bound)."""
    if p[1] * top * top < 1e-9:
        p[1] = 0.0
    if p[0] * top < 1e-9:
        p[0] = 0.0
    return p


def _start(n: FloatArray, x: FloatArray) -> tuple[float, float, float]:
    i = int(np.argmin(n))
    lam0 = float(x[i] / n[i])
    # A few starting points guard against the flat valleys of the USL's error surface.
    return (0.01, 1e-4, lam0)


def _best_fit(n: FloatArray, x: FloatArray) -> FloatArray:
    base = _start(n, x)
    best: FloatArray | None = None
    best_sse = math.inf
    for s0, k0 in ((base[0], base[1]), (0.1, 1e-3), (0.001, 1e-6), (0.3, 0.0)):
        p = _fit_params(n, x, (s0, k0, base[2]))
        sse = float(np.sum((usl_throughput(n, *p) - x) ** 2))
        if sse < best_sse * (1 - 1e-12):
            best, best_sse = p, sse
    assert best is not None
    return best


def fit_usl(
    concurrency: list[float] | FloatArray,
    throughput: list[float] | FloatArray,
    *,
    bootstrap: int = 500,
    confidence: float = 0.95,
    seed: int = 1,
) -> USLFit:
    """Fit σ, κ, λ to throughput-versus-concurrency points, with residual-bootstrap intervals."""
    n = np.asarray(concurrency, dtype=np.float64)
    x = np.asarray(throughput, dtype=np.float64)
    if n.shape != x.shape or n.ndim != 1:
        raise InputError("concurrency and throughput must be equally long lists")
    if np.unique(n).size < 3:
        raise InputError(
            f"a USL fit needs throughput at 3 or more distinct concurrency levels, got "
            f"{np.unique(n).size}; run the load test as a ramp of steps",
            field="concurrency",
        )
    if np.any(n <= 0) or np.any(x < 0) or not np.all(np.isfinite(n)) or not np.all(np.isfinite(x)):
        raise InputError("concurrency must be > 0 and throughput >= 0 (finite numbers)")
    p = _snap(_best_fit(n, x), float(n.max()))
    sigma, kappa, lam = (float(v) for v in p)
    fitted = usl_throughput(n, sigma, kappa, lam)
    ss_res = float(np.sum((x - fitted) ** 2))
    ss_tot = float(np.sum((x - x.mean()) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0

    peak_n = peak_concurrency(sigma, kappa)
    peak_x = (
        float(usl_throughput(peak_n, sigma, kappa, lam))
        if math.isfinite(peak_n)
        else (lam / sigma if sigma > 0 else math.inf)
    )
    knee_n = knee_concurrency(sigma)
    knee_x = float(usl_throughput(knee_n, sigma, kappa, lam)) if math.isfinite(knee_n) else math.inf

    fit = USLFit(
        sigma=sigma,
        kappa=kappa,
        lam=lam,
        r_squared=r2,
        points=int(n.size),
        peak_n=finite(peak_n),
        peak_throughput=finite(peak_x),
        knee_n=finite(knee_n),
        knee_throughput=finite(knee_x),
        amdahl_ceiling=finite(lam / sigma) if sigma > 0 else None,
        max_measured_n=float(n.max()),
        confidence=confidence,
        bootstrap_samples=bootstrap,
        seed=seed,
    )
    if bootstrap > 0:
        fit.intervals, fit.band = _bootstrap(n, x, fitted, p, bootstrap, confidence, seed)
    fit.warnings = _warnings(fit)
    return fit


def _bootstrap(
    n: FloatArray,
    x: FloatArray,
    fitted: FloatArray,
    p: FloatArray,
    samples: int,
    confidence: float,
    seed: int,
) -> tuple[dict[str, Interval], list[tuple[float, float, float]]]:
    rng = np.random.default_rng(seed)
    resid = x - fitted
    # Residuals scaled by sqrt(n/(n-p)) so the bootstrap does not understate the spread.
    dof = max(1, n.size - 3)
    resid = (resid - resid.mean()) * math.sqrt(n.size / dof)
    rows: list[tuple[float, float, float, float, float]] = []
    for _ in range(samples):
        xb = np.clip(fitted + rng.choice(resid, size=n.size, replace=True), 0.0, None)
        start = (float(p[0]), float(p[1]), float(p[2]))
        fitted_b = _snap(_fit_params(n, xb, start, tol=1e-8), float(n.max()))
        s, k, lam = (float(v) for v in fitted_b)
        pn = peak_concurrency(s, k)
        px = float(usl_throughput(pn, s, k, lam)) if math.isfinite(pn) else math.inf
        rows.append((s, k, lam, pn, px))
    arr = np.array(rows)
    lo_q, hi_q = (1 - confidence) / 2, 1 - (1 - confidence) / 2
    names = ("sigma", "kappa", "lambda", "peak_n", "peak_throughput")
    s0, k0 = float(p[0]), float(p[1])
    pn0 = peak_concurrency(s0, k0)
    px0 = float(usl_throughput(pn0, s0, k0, float(p[2]))) if math.isfinite(pn0) else math.inf
    point = (s0, k0, float(p[2]), pn0, px0)
    out: dict[str, Interval] = {}
    for j, name in enumerate(names):
        col = arr[:, j]
        ok = col[np.isfinite(col)]
        low = float(np.quantile(ok, lo_q)) if ok.size else math.inf
        # Resamples without a peak (κ = 0) make the upper bound unbounded.
        high = float(np.quantile(col, hi_q)) if ok.size == col.size else math.inf
        out[name] = Interval(finite(point[j]), finite(low), finite(high))
    return out, _band(n, arr[:, :3], pn0, lo_q, hi_q)


BAND_POINTS = 40


def _band(
    n: FloatArray, params: FloatArray, peak_n: float, lo_q: float, hi_q: float
) -> list[tuple[float, float, float]]:
    """Pointwise bootstrap interval of the fitted curve over a grid of concurrency levels."""
    top = float(n.max()) * 1.5
    if math.isfinite(peak_n):
        top = max(top, min(peak_n * 1.3, float(n.max()) * 10))
    grid = np.linspace(1.0, top, BAND_POINTS)
    s, k, lam = params[:, :1], params[:, 1:2], params[:, 2:3]
    g = grid[None, :]
    curves = lam * g / (1.0 + s * (g - 1.0) + k * g * (g - 1.0))
    low = np.quantile(curves, lo_q, axis=0)
    high = np.quantile(curves, hi_q, axis=0)
    return [(float(g), float(a), float(b)) for g, a, b in zip(grid, low, high, strict=True)]


def _warnings(fit: USLFit) -> list[str]:
    out: list[str] = []
    if fit.points < 6:
        out.append(
            f"only {fit.points} measurements: the coefficients are loosely determined; "
            "measure at 6 or more concurrency levels"
        )
    if fit.peak_n is not None and fit.max_measured_n < FAR_BELOW_PEAK * fit.peak_n:
        out.append(
            f"measurements stop at N={fit.max_measured_n:g}, far below the predicted peak "
            f"N*={fit.peak_n:.0f}: the peak is an extrapolation; load-test closer to it"
        )
    if fit.kappa == 0:
        out.append(
            "κ = 0: no coherency cost was measured, so the fit predicts no peak "
            "(throughput levels off at the Amdahl ceiling λ/σ)"
        )
    if fit.r_squared < 0.9:
        out.append(f"poor fit (R² = {fit.r_squared:.2f}): the USL may not describe these data")
    return out
