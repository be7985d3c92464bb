"""What a direct dependency says the software speaks or runs against (issue 16, task i16g):
protocols, the datastore a starter talks to, platform APIs, the template language a bridge brings."""

from __future__ import annotations

import pytest

from .test_catalog_breadth import _named


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # protocols a library implements
        (
            {"Cargo.toml": '[package]\nname = "blog"\n\n[dependencies]\nwebfinger = "0.4"\n'},
            "WebFinger",
        ),
        ({"composer.json": '{"require": {"landrok/activitypub": "^0.7"}}'}, "ActivityPub"),
        ({"package.json": '{"dependencies": {"paho-mqtt": "^1.1.0"}}'}, "MQTT"),
        ({"composer.json": '{"require": {"laravel/passport": "^12.0"}}'}, "OAuth 2.0"),
        ({"package.json": '{"dependencies": {"passport-github2": "^0.1.12"}}'}, "OAuth 2.0"),
        # the datastore a Spring starter or client talks to
        (
            {
                "pom.xml": """<project><dependencies><dependency>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-starter-data-redis</artifactId>
                </dependency></dependencies></project>"""
            },
            "Redis",
        ),
        # platform APIs a client library calls
        ({"go.mod": "module x\n\nrequire k8s.io/client-go v0.31.0\n"}, "Kubernetes API"),
        ({"go.mod": "module x\n\nrequire github.com/docker/docker v27.0.0\n"}, "Docker Engine API"),
        ({"go.mod": "module x\n\nrequire github.com/google/go-github/v74 v74.0.0\n"}, "GitHub API"),
        ({"go.mod": "module x\n\nrequire github.com/expr-lang/expr v1.17.0\n"}, "expr"),
        # a bridge brings its template language
        ({"composer.json": '{"require": {"rcrowe/twigbridge": "^0.14"}}'}, "Twig"),
    ],
)
def test_a_direct_dependency_names_what_it_speaks_or_calls(
    files: dict[str, str], expected: str
) -> None:
    stack, _ = _named(files)
    assert expected in stack


def test_an_indirect_go_requirement_names_no_platform_api() -> None:
    stack, _ = _named({"go.mod": "module x\n\nrequire k8s.io/client-go v0.31.0 // indirect\n"})
    assert "Kubernetes API" not in stack
