"""Names a reader would not give: a rival framework's file name, a test suite's helpers, the
native parts of a cross-platform app's generated runners, a header file."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import write


def _stack(root: Path) -> set[str]:
    from archwise.api.analyze import analyze as api_analyze

    return {s["name"] for s in api_analyze(root, save=False)["stack"]}


def test_a_manage_py_beside_a_declared_flask_is_not_django(tmp_path: Path) -> None:
    flask = write(
        tmp_path / "dash",
        {
            "pyproject.toml": '[project]\nname = "dash"\ndependencies = ["flask>=3"]\n',
            "manage.py": "from dash.cli import manager\n\nmanager()\n",
            "dash/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
        },
    )
    stack = _stack(flask)
    assert "Flask" in stack
    assert "Django" not in stack
    django = write(
        tmp_path / "blog",
        {
            "requirements.txt": "django>=5\n",
            "manage.py": "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'blog.settings'\n",
            "blog/__init__.py": "",
        },
    )
    assert "Django" in _stack(django)


def test_a_test_suites_own_libraries_are_not_the_stack(tmp_path: Path) -> None:
    root = write(
        tmp_path / "forum",
        {
            "Cargo.toml": '[package]\nname = "forum"\n\n[dependencies]\nactix-web = "4"\n',
            "src/main.rs": "fn main() {}\n",
            "api_tests/package.json": """
                {
                  "name": "api-tests",
                  "devDependencies": {"jest": "^29", "typescript": "^5", "joi": "^17"}
                }
            """,
            "api_tests/src/post.spec.ts": "import Joi from 'joi';\ntest('x', () => {});\n",
        },
    )
    stack = _stack(root)
    assert {"Actix-web", "Jest", "TypeScript"} <= stack
    assert "Joi" not in stack


def test_a_flutter_apps_platform_runners_are_not_native_ui_stacks(tmp_path: Path) -> None:
    root = write(
        tmp_path / "share",
        {
            "pubspec.yaml": "name: share\ndependencies:\n  flutter:\n    sdk: flutter\n",
            "lib/main.dart": "import 'package:flutter/material.dart';\n\nvoid main() {}\n",
            "ios/Runner/AppDelegate.swift": "import UIKit\nimport Flutter\n\nclass AppDelegate {}\n",
            "ios/Runner/Runner-Bridging-Header.h": '#import "GeneratedPluginRegistrant.h"\n',
            "ios/Runner/Base.lproj/Main.storyboard": "<document></document>\n",
            "ios/Runner.xcodeproj/project.pbxproj": "// !$*UTF8*$!\n{ objects = {}; }\n",
            "macos/Runner/AppDelegate.swift": "import Cocoa\nimport FlutterMacOS\n",
            "android/app/build.gradle": "plugins {\n    id 'com.android.application'\n}\n",
            "linux/CMakeLists.txt": "cmake_minimum_required(VERSION 3.13)\n",
        },
    )
    stack = _stack(root)
    assert {"Flutter", "Dart", "Swift", "Gradle", "CMake"} <= stack
    assert not {"UIKit", "AppKit", "Xcode", "C"} & stack


def test_one_script_beside_the_code_is_not_a_language_of_the_software(tmp_path: Path) -> None:
    rust = {
        "Cargo.toml": '[package]\nname = "shell-history"\nversion = "0.1.0"\n',
        "src/main.rs": "fn main() {}\n",
        "src/sync.rs": "pub fn sync() {}\n",
        # an editor's settings, an integration for another tool, a packaging helper
        ".nvim.lua": "vim.opt.tabstop = 4\n",
        "contrib/editor/plugin.ts": "export const plugin = () => 1\n",
        "contrib/editor/other.ts": "export const other = () => 2\n",
        "packaging/bump-version.py": "import sys\nprint(sys.argv[1])\n",
    }
    stack = _stack(write(tmp_path / "one", rust))
    assert "Rust" in stack
    assert not {"Lua", "TypeScript", "Python"} & stack
    # two scripts of the software's own are its language
    more = {**rust, "packaging/release.py": "import os\nprint(os.getcwd())\n"}
    assert "Python" in _stack(write(tmp_path / "two", more))


def test_a_gradle_module_the_build_does_not_include_is_not_the_stack(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "settings.gradle": "include 'orders'\n",
            "build.gradle": "subprojects { apply plugin: 'java' }\n",
            "orders/build.gradle": "dependencies {\n"
            "  implementation 'org.springframework.boot:spring-boot-starter-web:3.3.0'\n}\n",
            "orders/src/main/java/shop/Orders.java": "package shop;\nclass Orders {}\n",
            "search/build.gradle": "dependencies {\n  implementation "
            "'org.springframework.boot:spring-boot-starter-data-elasticsearch:3.3.0'\n}\n",
            "search/src/main/java/shop/Search.java": "package shop;\nclass Search {}\n",
        },
    )
    stack = _stack(root)
    assert "Spring Boot" in stack
    assert "Spring Data Elasticsearch" not in stack
