"""Clojure's manifests (tools.deps, Babashka, Leiningen) name the stack (issue 16, eighth round)."""

from __future__ import annotations

from pathlib import Path

from archwise.analyze.manifests import is_manifest, parse_manifest

from .repos import write
from .test_catalog_breadth import _stack


def test_deps_edn_names_libraries_by_their_coordinates(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "deps.edn": """
                {:paths ["src"]
                 :deps {org.clojure/clojure {:mvn/version "1.12.0"}
                        ring/ring-core {:mvn/version "1.12.2"}
                        metosin/reitit {:mvn/version "0.7.2"}
                        com.github.seancorfield/next.jdbc {:mvn/version "1.3.939"}
                        org.postgresql/postgresql {:mvn/version "42.7.4"}
                        io.github.someone/own-lib {:git/tag "v1" :git/sha "abc1234"}}
                 :aliases {:test {:extra-deps {lambdaisland/kaocha {:mvn/version "1.91"}}}}}
            """,
            "src/app/core.clj": "(ns app.core (:require [reitit.ring :as r]))\n(defn -main [] r)\n",
        },
    )
    stack, _ = _stack(root)
    assert {
        "Clojure",
        "Clojure CLI",
        "Ring",
        "Reitit",
        "next.jdbc",
        "PostgreSQL",
        "Kaocha",
    } <= stack
    assert "Leiningen" not in stack


def test_leiningen_vectors_and_bare_symbols(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "project.clj": """
                (defproject shop "0.1.0-SNAPSHOT"
                  :dependencies [[org.clojure/clojure "1.11.1"]
                                 [compojure "1.7.1"]
                                 [hiccup "2.0.0-RC3"]
                                 [com.taoensso/timbre "6.5.0"]]
                  :profiles {:dev {:dependencies [[midje "1.10.9"]]}})
            """,
            "src/shop/handler.clj": "(ns shop.handler (:require [compojure.core :refer [GET]]))\n",
        },
    )
    stack, _ = _stack(root)
    assert {"Clojure", "Leiningen", "Compojure", "Hiccup", "Timbre", "Midje"} <= stack


def test_the_readers_signals_carry_their_line() -> None:
    assert is_manifest("api/deps.edn") and is_manifest("project.clj") and is_manifest("bb.edn")
    text = '{:deps {a/b {:mvn/version "1"}\n        c/d {:local/root "../d"}}}\n'
    signals = [(s.value, s.line) for s in parse_manifest("deps.edn", text).signals]
    assert signals == [("a:b", 1), ("c:d", 2)]
    # a keyword such as :mvn/version is never read as a dependency
    assert not parse_manifest("deps.edn", '{:aliases {:x {:main-opts ["-m"]}}}').signals
