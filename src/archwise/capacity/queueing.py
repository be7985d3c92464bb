"""Queueing formulas: Little's law, Erlang B/C, M/M/c percentiles and M/G/c (Allen-Cunneen)."""

from __future__ import annotations

import functools
import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType

from archwise.errors import InputError


@functools.cache
def _special() -> ModuleType:
    """scipy.special, imported on first use: most sizing never needs it (about half a second)."""
    return importlib.import_module("scipy.special")


PERCENTILES: tuple[float, ...] = (0.5, 0.95, 0.99, 0.999)


def littles_law_concurrency(rate: float, time_s: float) -> float:
    """L = λ·W: how many requests are in the system at a rate and a time in system."""
    return rate * time_s


def utilisation(rate: float, service_s: float, servers: int) -> float:
    """ρ = λ·S / c, the busy fraction of each server."""
    return rate * service_s / servers


def erlang_b(servers: int, offered: float) -> float:
    """Erlang B blocking probability by the stable recursion B(k) = a·B(k-1) / (k + a·B(k-1))."""
    if servers < 0 or offered < 0:
        raise ValueError("servers and offered load must be non-negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = offered * b / (k + offered * b)
    return b


def erlang_c(servers: int, offered: float) -> float:
    """Erlang C: probability that an arrival waits in M/M/c, from Erlang B (stable for large c)."""
    if offered >= servers:
        return 1.0
    b = erlang_b(servers, offered)
    rho = offered / servers
    return b / (1.0 - rho * (1.0 - b))


@dataclass(frozen=True)
class ServiceTime:
    """A service-time distribution by its mean and squared coefficient of variation (SCV)."""

    mean_s: float
    scv: float = 1.0

    def __post_init__(self) -> None:
        if not self.mean_s > 0:
            raise InputError(f"service time must be positive, got {self.mean_s}", field="service")
        if self.scv < 0:
            raise InputError(f"service SCV must be >= 0, got {self.scv}", field="service_scv")

    @property
    def kind(self) -> str:
        """Distribution family used: deterministic (SCV 0), exponential (1) or gamma."""
        if self.scv == 0:
            return "deterministic"
        if self.scv == 1:
            return "exponential"
        return "gamma"

    @property
    def rate(self) -> float:
        """μ = 1 / mean."""
        return 1.0 / self.mean_s

    def survival(self, t: float) -> float:
        """P(S > t)."""
        if t < 0:
            return 1.0
        if self.scv == 0:
            return 1.0 if t < self.mean_s else 0.0
        if self.scv == 1:
            return math.exp(-self.rate * t)
        k = 1.0 / self.scv
        return float(_special().gammaincc(k, t / (self.mean_s * self.scv)))

    def pdf(self, t: float) -> float:
        """Density of S at t (not defined for deterministic service)."""
        if self.scv == 1:
            return self.rate * math.exp(-self.rate * t)
        k = 1.0 / self.scv
        beta = 1.0 / (self.mean_s * self.scv)
        if t <= 0:
            return 0.0
        return math.exp(k * math.log(beta) + (k - 1.0) * math.log(t) - beta * t - math.lgamma(k))

    def percentile(self, p: float) -> float:
        """The p-quantile of S."""
        if self.scv == 0:
            return self.mean_s
        if self.scv == 1:
            return -math.log1p(-p) / self.rate
        k = 1.0 / self.scv
        return float(_special().gammaincinv(k, p)) * self.mean_s * self.scv  # the gamma quantile


def _hypoexp_survival(mu: float, theta: float, t: float) -> float:
    """P(S + E > t) for independent S ~ Exp(μ), E ~ Exp(θ), stable when θ ≈ μ."""
    d = theta - mu
    if d < 0:
        # S + E is symmetric in the two rates; with θ < μ, expm1(-d t) would overflow.
        return _hypoexp_survival(theta, mu, t)
    if abs(d) * t < 1e-9:
        return (1.0 + mu * t) * math.exp(-mu * t)
    # (θe^{-μt} - μe^{-θt})/(θ-μ) rewritten with expm1 so that θ ≈ μ does not cancel.
    return math.exp(-mu * t) * (1.0 - mu * math.expm1(-d * t) / d)


def _conv_survival(service: ServiceTime, theta: float, t: float) -> float:
    """P(S + E > t) for a general service S and an independent E ~ Exp(θ)."""
    if t <= 0:
        return 1.0
    if service.scv == 1:
        return _hypoexp_survival(service.rate, theta, t)
    if service.scv == 0:
        d = service.mean_s
        return 1.0 if t < d else math.exp(-theta * (t - d))
    k = 1.0 / service.scv
    beta = 1.0 / (service.mean_s * service.scv)
    if beta > theta * 1.000001:
        # ∫ f_S(s) e^{-θ(t-s)} ds has a closed form through the regularised gamma function.
        log_factor = -theta * t + k * math.log(beta / (beta - theta))
        tail = math.exp(log_factor) * float(_special().gammainc(k, (beta - theta) * t))
        return service.survival(t) + tail
    # θ >= β: the same integral by Kummer's transformation, e^{-βt}(βt)^k/Γ(k+1)·1F1(1;k+1;-(θ-β)t),
    # which stays finite where the gamma-function form would need a negative argument.
    log_front = -beta * t + k * math.log(beta * t) - math.lgamma(k + 1.0)
    tail = math.exp(log_front) * float(_special().hyp1f1(1.0, k + 1.0, -(theta - beta) * t))
    return service.survival(t) + tail


def _invert(survival: Callable[[float], float], p: float, scale: float) -> float:
    """Smallest t with survival(t) <= 1 - p, by bracketing and Brent's method."""
    target = 1.0 - p
    if survival(0.0) <= target:
        return 0.0
    hi = max(scale, 1e-12)
    for _ in range(200):
        if survival(hi) <= target:
            break
        hi *= 2.0
    else:  # pragma: no cover - survival functions here all decay exponentially
        raise ArithmeticError("percentile bracket not found")
    # Bisection, not scipy.optimize.brentq: importing scipy.optimize costs a tenth of a second on
    # every `recommend`, and survival is monotone on the bracket, so halving it is exact enough.
    lo = 0.0
    while hi - lo > 1e-12 + 1e-10 * hi:
        mid = 0.5 * (lo + hi)
        if survival(mid) <= target:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class Station:
    """A station of c identical servers fed by Poisson arrivals at rate λ, served FCFS."""

    rate: float
    service: ServiceTime
    servers: int

    def __post_init__(self) -> None:
        if self.servers < 1:
            raise InputError(f"servers must be >= 1, got {self.servers}", field="servers")
        if not self.rate > 0:
            raise InputError(f"arrival rate must be positive, got {self.rate}", field="rate")

    @property
    def offered_load(self) -> float:
        """a = λ·E[S] in Erlangs."""
        return self.rate * self.service.mean_s

    @property
    def utilisation(self) -> float:
        """ρ = a / c."""
        return self.offered_load / self.servers

    @property
    def stable(self) -> bool:
        """True when ρ < 1 (the queue does not grow without bound)."""
        return self.utilisation < 1.0

    @cached_property
    def p_wait(self) -> float:
        """Erlang C: probability an arrival waits."""
        return erlang_c(self.servers, self.offered_load)

    @property
    def decay(self) -> float:
        """Rate θ of the exponential waiting-time tail: cμ - λ for M/M/c."""
        return self.servers * self.service.rate - self.rate

    @property
    def mean_wait_mmc(self) -> float:
        """E[Wq] of M/M/c = C / (cμ - λ)."""
        return self.p_wait / self.decay

    @property
    def mean_wait(self) -> float:
        """E[Wq]: exact for exponential service, Allen-Cunneen (·(1+cs²)/2) otherwise."""
        return self.mean_wait_mmc * (1.0 + self.service.scv) / 2.0

    @property
    def mean_response(self) -> float:
        """E[T] = E[Wq] + E[S]."""
        return self.mean_wait + self.service.mean_s

    @property
    def mean_in_system(self) -> float:
        """L = λ·E[T] (Little's law)."""
        return littles_law_concurrency(self.rate, self.mean_response)

    @property
    def mean_queue(self) -> float:
        """Lq = λ·E[Wq] (Little's law)."""
        return littles_law_concurrency(self.rate, self.mean_wait)

    @property
    def _tail_rate(self) -> float:
        # P(W>0) = C and E[W] = C/θ' give θ' = C / E[W]; θ' = cμ-λ exactly for M/M/c.
        c = self.p_wait
        return c / self.mean_wait if self.mean_wait > 0 else math.inf

    def wait_survival(self, t: float) -> float:
        """P(Wq > t) = C·e^{-θt} (exact for M/M/c)."""
        self._check()
        if t < 0:
            return 1.0
        return self.p_wait * math.exp(-self._tail_rate * t)

    def response_survival(self, t: float) -> float:
        """P(T > t) for T = S + Wq: (1-C)·P(S>t) + C·P(S + Exp(θ) > t)."""
        self._check()
        c = self.p_wait
        theta = self._tail_rate
        if not math.isfinite(theta):
            return self.service.survival(t)
        return (1.0 - c) * self.service.survival(t) + c * _conv_survival(self.service, theta, t)

    def wait_percentile(self, p: float) -> float:
        """The p-quantile of the waiting time: ln(C/(1-p))/θ, or 0 when C <= 1-p."""
        self._check()
        c = self.p_wait
        if c <= 1.0 - p:
            return 0.0
        return math.log(c / (1.0 - p)) / self._tail_rate

    def response_percentile(self, p: float) -> float:
        """The p-quantile of the response time, by inverting P(T > t) numerically."""
        self._check()
        return _invert(self.response_survival, p, self.mean_response)

    def _check(self) -> None:
        if not self.stable:
            raise InputError(
                f"utilisation {self.utilisation:.3f} >= 1: {self.servers} server(s) cannot keep "
                f"up with {self.rate:g}/s at {self.service.mean_s * 1000:g} ms each; "
                f"at least {math.floor(self.offered_load) + 1} are needed",
                field="servers",
            )


def pkey(p: float) -> str:
    """The name of a percentile: 0.99 -> p99, 0.999 -> p99.9."""
    text = f"{p * 100:.4f}".rstrip("0").rstrip(".")
    return f"p{text}"
