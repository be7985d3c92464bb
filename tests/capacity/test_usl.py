"""Universal Scalability Law fits, checked against a published reference."""

from __future__ import annotations

import math

import pytest

from archwise.capacity.usl import fit_usl, peak_concurrency

# SPEC SDM91 benchmark of a Sun SPARCcenter 2000 (16 CPUs), October 1994, as published in
# Neil J. Gunther, "Guerrilla Capacity Planning" (Springer, 2007) and shipped as the `specsdm91`
# dataset of the R package `usl` (Stefan Moeding, CRAN). Load = simulated users, throughput =
# scripts per hour.
SPECSDM91_LOAD = [1, 18, 36, 72, 108, 144, 216]
SPECSDM91_TPUT = [64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0, 1702.2]
# Published by the usl package: tests/summary.Rout.save, `summary(usl(throughput ~ load,
# specsdm91))`: alpha (σ) 2.773e-02, beta (κ) 1.044e-04, gamma (λ) 9.000e+01, R² 0.9896;
# tests/peak-scalability.Rout.save: signif(peak.scalability(u), 2) = 97;
# man/optimal.scalability: "optimal scalability will be reached at about 36 virtual users".
PUBLISHED = {"sigma": 2.773e-02, "kappa": 1.044e-04, "lambda": 9.000e01}


def test_specsdm91_reproduces_the_published_coefficients_to_0_1_percent() -> None:
    fit = fit_usl(SPECSDM91_LOAD, SPECSDM91_TPUT, bootstrap=0)
    assert fit.sigma == pytest.approx(PUBLISHED["sigma"], rel=1e-3)
    assert fit.kappa == pytest.approx(PUBLISHED["kappa"], rel=1e-3)
    assert fit.lam == pytest.approx(PUBLISHED["lambda"], rel=1e-3)
    assert fit.r_squared == pytest.approx(0.9896, abs=5e-5)
    assert round(fit.peak_n, 0) == 97 or f"{fit.peak_n:.2g}" == "97"
    assert math.floor(fit.knee_n) == 36
    assert fit.knee_n < fit.peak_n


def test_bootstrap_intervals_bracket_the_estimate_and_are_seeded() -> None:
    a = fit_usl(SPECSDM91_LOAD, SPECSDM91_TPUT, bootstrap=60, seed=4)
    b = fit_usl(SPECSDM91_LOAD, SPECSDM91_TPUT, bootstrap=60, seed=4)
    assert a.intervals == b.intervals
    for name in ("sigma", "kappa", "lambda", "peak_n", "peak_throughput"):
        iv = a.intervals[name]
        assert iv.low <= iv.value <= iv.high, name


def test_warns_when_measurements_stop_far_below_the_peak() -> None:
    sigma, kappa, lam = 0.02, 1e-5, 100.0
    n = [1, 2, 4, 8, 16, 24, 32]
    x = [lam * k / (1 + sigma * (k - 1) + kappa * k * (k - 1)) for k in n]
    fit = fit_usl(n, x, bootstrap=0)
    assert fit.sigma == pytest.approx(sigma, rel=1e-6)
    assert fit.kappa == pytest.approx(kappa, rel=1e-5)
    assert fit.peak_n == pytest.approx(peak_concurrency(sigma, kappa), rel=1e-5)
    assert any("far below the predicted peak" in w for w in fit.warnings)


def test_too_few_levels_is_an_input_error() -> None:
    from archwise.errors import InputError

    with pytest.raises(InputError, match="3 or more distinct"):
        fit_usl([1, 1, 2], [10, 11, 19], bootstrap=0)


def test_no_coherency_cost_means_no_peak_and_valid_json() -> None:
    import json

    from archwise.jsonable import to_jsonable as jsonable

    n = [1, 2, 4, 8, 16, 32]
    x = [100 * k / (1 + 0.05 * (k - 1)) for k in n]
    fit = fit_usl(n, x, bootstrap=30)
    assert fit.kappa == pytest.approx(0, abs=1e-9)
    assert fit.peak_n is None
    assert fit.amdahl_ceiling == pytest.approx(100 / 0.05, rel=1e-4)
    assert any("κ = 0" in w for w in fit.warnings)
    json.dumps(jsonable(fit), allow_nan=False)


def test_bootstrap_band_brackets_the_fit_near_the_data() -> None:
    fit = fit_usl(SPECSDM91_LOAD, SPECSDM91_TPUT, bootstrap=60, seed=2)
    assert len(fit.band) == 40
    inside = [low <= float(fit.predict(n)) <= high for n, low, high in fit.band if n <= 216]
    assert sum(inside) >= 0.9 * len(inside)
