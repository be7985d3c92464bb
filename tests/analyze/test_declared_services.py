"""Services the owners declare outside compose and Kubernetes: app hosts, build-made images."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write


def _csproj(sdk: str = "Microsoft.NET.Sdk.Web") -> str:
    return f'<Project Sdk="{sdk}">\n  <PropertyGroup>\n    <TargetFramework>net9.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n'


ASPIRE = {
    "Shop.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
    "src/Shop.AppHost/Shop.AppHost.csproj": """
        <Project Sdk="Microsoft.NET.Sdk">
          <Sdk Name="Aspire.AppHost.Sdk" Version="9.1.0" />
          <PropertyGroup>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="..\\Cart.Api\\Cart.Api.csproj" />
            <ProjectReference Include="..\\Storefront\\Storefront.csproj" />
          </ItemGroup>
        </Project>
    """,
    "src/Shop.AppHost/Program.cs": """
        var builder = DistributedApplication.CreateBuilder(args);

        var cache = builder.AddRedis("cache");
        var pg = builder.AddPostgres("pg");
        var cartDb = pg.AddDatabase("cartdb");

        var identity = builder.AddProject<Projects.Identity_Api>("identity-api");
        var identityUrl = identity.GetEndpoint("https");

        // Services
        var cartApi = builder.AddProject<Projects.Cart_Api>("cart-api")
            .WithReference(cache)
            .WithReference(cartDb).WaitFor(cartDb);

        builder.AddProject<Projects.Storefront>("storefront")
            .WithExternalHttpEndpoints()
            .WithReference(cartApi)
            .WithEnvironment("IdentityUrl", identityUrl);

        builder.AddYarp("edge").ConfigureRoutes(cartApi, "identity");
        // builder.AddProject<Projects.Legacy>("legacy");
        builder.AddProject("mailer", "../Mailer/Mailer.csproj");

        builder.Build().Run();
    """,
    "src/Cart.Api/Cart.Api.csproj": _csproj(),
    "src/Cart.Api/Program.cs": "var app = WebApplication.Create(args);\napp.Run();\n",
    "src/Identity.Api/Identity.Api.csproj": _csproj(),
    "src/Identity.Api/Program.cs": "var app = WebApplication.Create(args);\napp.Run();\n",
    "src/Storefront/Storefront.csproj": _csproj(),
    "src/Storefront/Program.cs": "var app = WebApplication.Create(args);\napp.Run();\n",
    "src/Mailer/Mailer.csproj": _csproj("Microsoft.NET.Sdk.Worker"),
    "src/Mailer/Program.cs": "var host = Host.CreateDefaultBuilder(args).Build();\n",
}


def test_an_aspire_app_host_declares_services_and_their_references(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "shop", ASPIRE))
    # named as the host names them, each in its project's folder; the repository is no service
    assert _built(doc) == {
        "cart-api": "src/Cart.Api",
        "identity-api": "src/Identity.Api",
        "storefront": "src/Storefront",
        "mailer": "src/Mailer",
    }
    backing = {s["name"] for s in doc["services"] if not s["built"]}
    assert backing == {"cache", "pg", "edge"}
    # a database added on a server is the server that runs it; an endpoint is its service's
    assert _edges(doc) == {
        ("cart-api", "cache"),
        ("cart-api", "pg"),
        ("storefront", "cart-api"),
        ("storefront", "identity-api"),
        ("edge", "cart-api"),
    }


def test_an_aspire_host_read_inside_if_blocks_and_later_references(tmp_path: Path) -> None:
    files = dict(ASPIRE)
    files["src/Shop.AppHost/Program.cs"] = """
        var builder = DistributedApplication.CreateBuilder(args);

        var cache = builder.AddRedis("cache");
        var cartApi = builder.AddProject<Projects.Cart_Api>("cart-api");
        if (builder.ExecutionContext.IsPublishMode)
        {
            var bus = builder.AddRabbitMQ("bus");
            cartApi.WithReference(bus);
        }
        else
        {
            builder.AddProject<Projects.Identity_Api>("identity-api").WithReference(cache);
        }
        cartApi.WithReference(cache).WaitFor(cache);

        builder.Build().Run();
    """
    doc = _doc(write(tmp_path / "shop", files))
    assert _built(doc) == {"cart-api": "src/Cart.Api", "identity-api": "src/Identity.Api"}
    assert {s["name"] for s in doc["services"] if not s["built"]} == {"cache", "bus"}
    assert _edges(doc) == {
        ("cart-api", "bus"),
        ("cart-api", "cache"),
        ("identity-api", "cache"),
    }


PETSHOP = {
    "pom.xml": """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.acme</groupId>
          <artifactId>petshop</artifactId>
          <packaging>pom</packaging>
          <modules>
            <module>petshop-gateway</module>
            <module>owners</module>
          </modules>
          <build>
            <plugins>
              <plugin>
                <groupId>com.google.cloud.tools</groupId>
                <artifactId>jib-maven-plugin</artifactId>
              </plugin>
            </plugins>
          </build>
        </project>
    """,
    "petshop-gateway/pom.xml": """
        <project>
          <parent>
            <groupId>org.acme</groupId>
            <artifactId>petshop</artifactId>
          </parent>
          <artifactId>petshop-gateway</artifactId>
        </project>
    """,
    "petshop-gateway/src/main/java/org/acme/gateway/GatewayApp.java": (
        "package org.acme.gateway;\n\npublic class GatewayApp {}\n"
    ),
    # a module folder named apart from its artifactId
    "owners/pom.xml": """
        <project>
          <parent>
            <groupId>org.acme</groupId>
            <artifactId>petshop</artifactId>
          </parent>
          <artifactId>petshop-owners-service</artifactId>
        </project>
    """,
    "owners/src/main/java/org/acme/owners/OwnersApp.java": (
        "package org.acme.owners;\n\npublic class OwnersApp {}\n"
    ),
    # the one Dockerfile the parent build uses for every module's image
    "docker/Dockerfile": "FROM eclipse-temurin:21\nARG ARTIFACT_NAME\nCOPY ${ARTIFACT_NAME}.jar app.jar\n",
    "docker-compose.yml": """
        services:
          gateway:
            image: acme/petshop-gateway:latest
            depends_on: [owners-service]
            ports: ["8080:8080"]
          owners-service:
            image: acme/petshop-owners-service
            environment:
              - SPRING_DATASOURCE_URL=jdbc:mysql://mysql:3306/petshop
            depends_on: [mysql]
          mysql:
            image: mysql:9
    """,
}


def test_compose_images_made_by_the_build_from_its_modules_are_built_services(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "petshop", PETSHOP))
    assert _built(doc) == {"gateway": "petshop-gateway", "owners-service": "owners"}
    assert [s["name"] for s in doc["services"] if not s["built"]] == ["mysql"]
    assert _edges(doc) == {("gateway", "owners-service"), ("owners-service", "mysql")}


def test_kubernetes_images_made_by_the_build_from_its_modules_are_built_services(
    tmp_path: Path,
) -> None:
    files = {
        k: v for k, v in PETSHOP.items() if k not in ("docker-compose.yml", "docker/Dockerfile")
    }
    files["deploy/k8s/gateway.yml"] = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: gateway
        spec:
          template:
            spec:
              containers:
                - name: gateway
                  image: registry.example.org/acme/petshop-gateway:2.1-native
    """
    files["deploy/k8s/owners.yml"] = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: owners-service
        spec:
          template:
            spec:
              containers:
                - name: owners
                  image: registry.example.org/acme/petshop-owners-service:2.1
    """
    doc = _doc(write(tmp_path / "petshop-k8s", files))
    assert _built(doc) == {"gateway": "petshop-gateway", "owners-service": "owners"}


def test_a_root_app_with_its_own_dockerfile_is_still_a_service(tmp_path: Path) -> None:
    files = {
        "pom.xml": "<project><artifactId>clinic</artifactId></project>\n",
        "src/main/java/org/acme/App.java": "package org.acme;\n\npublic class App {}\n",
        "Dockerfile": "FROM eclipse-temurin:21\n",
        "worker/pom.xml": "<project><artifactId>clinic-worker</artifactId></project>\n",
        "docker-compose.yml": "services:\n  worker:\n    image: acme/clinic-worker\n",
    }
    doc = _doc(write(tmp_path / "clinic", files))
    assert _built(doc) == {"clinic": "", "worker": "worker"}


def _pkg(name: str, scripts: dict[str, str], deps: dict[str, str] | None = None) -> str:
    import json

    return json.dumps(
        {"name": name, "private": True, "scripts": scripts, "dependencies": deps or {}}
    )


TURBO = {
    "package.json": '{"name": "acme", "private": true, "scripts": {"dev": "turbo dev"},\n'
    ' "devDependencies": {"turbo": "^2"}}\n',
    "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - packages/*\n  - '!packages/legacy-*'\n",
    "turbo.json": '{"tasks": {"build": {}}}\n',
    "apps/web/package.json": _pkg(
        "@acme/web",
        {"dev": "next dev", "build": "next build", "start": "next start"},
        {"next": "15"},
    ),
    "apps/web/src/app/page.tsx": "export default function Page() { return null; }\n",
    "apps/admin/package.json": _pkg("@acme/admin", {"dev": "vite dev", "start": "vite start"}),
    "apps/admin/src/main.ts": "export const admin = 1;\n",
    # a mobile app and a library run no server
    "apps/mobile/package.json": _pkg("@acme/mobile", {"dev": "expo start"}, {"expo": "54"}),
    "apps/mobile/App.tsx": "export default function App() { return null; }\n",
    "packages/db/package.json": _pkg("@acme/db", {"build": "tsc"}),
    "packages/db/src/index.ts": "export const db = {};\n",
    "packages/legacy-api/package.json": _pkg("@acme/legacy-api", {"start": "node index.js"}),
    "packages/legacy-api/index.js": "module.exports = {};\n",
}


def test_workspace_members_with_a_start_script_are_services_without_containers(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "acme", TURBO))
    assert _built(doc) == {"web": "apps/web", "admin": "apps/admin"}


def test_a_container_build_keeps_workspace_apps_out(tmp_path: Path) -> None:
    files = {**TURBO, "apps/web/Dockerfile": 'FROM node:22\nCMD ["npm", "start"]\n'}
    doc = _doc(write(tmp_path / "acme", files))
    assert _built(doc) == {"web": "apps/web"}


def test_a_compose_service_built_from_the_root_is_the_folder_of_its_dockerfile_and_joins_its_aspire_project(
    tmp_path: Path,
) -> None:
    files = dict(ASPIRE)
    files["src/Cart.Api/Dockerfile"] = (
        "FROM mcr.microsoft.com/dotnet/sdk:9.0\nCOPY . .\nRUN dotnet publish src/Cart.Api\n"
    )
    files["deploy/compose/docker-compose.yaml"] = """
        services:
          cart:
            build:
              context: ../../
              dockerfile: src/Cart.Api/Dockerfile
          cache:
            image: redis:7
    """
    doc = _doc(write(tmp_path, files))
    built = {s["name"]: s["folder"] for s in doc["services"] if s["built"]}
    assert built["cart"] == "src/Cart.Api"
    assert "cart-api" not in built  # the Aspire project of the same code is the compose service
    assert "Cart.Api" not in built  # and so is the folder its Dockerfile builds
    edges = _edges(doc)
    assert ("cart", "cache") in edges and ("storefront", "cart") in edges
    assert not any("cart-api" in edge for edge in edges)


def test_a_procfile_with_several_processes_declares_the_services_of_a_repository_without_containers(
    tmp_path: Path,
) -> None:
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails'\ngem 'sidekiq'\n",
        "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
        "Procfile": (
            "web: bundle exec puma -C config/puma.rb\n"
            "worker: bundle exec sidekiq\n"
            "release: bundle exec rake db:migrate\n"
        ),
        "Procfile.dev": "web: bin/rails server\ncss: bin/rails tailwindcss:watch\n",
    }
    doc = _doc(write(tmp_path, files))
    assert {s["name"] for s in doc["services"] if s["built"]} == {"web", "worker"}
    # one process (or a container build) leaves the application itself as the service
    (tmp_path / "Procfile").write_text("web: bundle exec puma\nrelease: rake db:migrate\n")
    doc = _doc(tmp_path)
    assert [s["kind"] for s in doc["services"]] == ["root"]


def test_a_procfile_beside_the_dockerfile_adds_its_other_processes(tmp_path: Path) -> None:
    # the image runs the web process; the Procfile's worker runs the same code on its own
    files = {
        "package.json": '{"name": "wiki", "dependencies": {"koa": "^2", "bull": "^4"}}',
        "server/index.js": "const Koa = require('koa');\n",
        "Dockerfile": 'FROM node:22\nCOPY . .\nCMD ["yarn", "start"]\n',
        "Procfile": "web: yarn start --services=web\nworker: yarn start --services=worker\n"
        "release: yarn db:migrate\n",
    }
    doc = _doc(write(tmp_path / "wiki", files))
    assert _built(doc) == {"wiki": "", "worker": ""}


def test_kubernetes_manifests_kept_as_templates_declare_their_workloads(tmp_path: Path) -> None:
    # krane renders config/deploy/*.yaml.erb: each Deployment runs the one image the tree builds
    deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: registry.example.com/acme/gems:<%= current_sha %>
                resources:
                  <% if environment == 'production' %>
                  requests:
                    cpu: 500m
                  <% end %>
    """
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails'\n",
        "app/models/gem.rb": "class Gem\nend\n",
        "Dockerfile": "FROM ruby:3.4\nCOPY . .\n",
        "config/deploy/web.yaml.erb": deployment.format(name="web"),
        "config/deploy/jobs.yaml.erb": deployment.format(name="jobs"),
    }
    doc = _doc(write(tmp_path / "gems", files))
    assert _built(doc) == {"web": "", "jobs": ""}


def test_the_web_and_worker_projects_of_a_dotnet_tree_without_containers_are_services(
    tmp_path: Path,
) -> None:
    files = {
        "Shop.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
        "src/Orders.Api/Orders.Api.csproj": _csproj(),
        "src/Orders.Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\n",
        "src/Billing.Worker/Billing.Worker.csproj": _csproj("Microsoft.NET.Sdk.Worker"),
        "src/Billing.Worker/Program.cs": "Host.CreateApplicationBuilder(args).Build().Run();\n",
        "src/Shared/Shared.csproj": _csproj("Microsoft.NET.Sdk"),
        "src/Shared/Money.cs": "namespace Shared; public class Money {}\n",
        # a test project on the web SDK deploys nothing
        "tests/Orders.Api.Tests/Orders.Api.Tests.csproj": _csproj(),
    }
    doc = _doc(write(tmp_path / "shop", files))
    assert _built(doc) == {"Orders.Api": "src/Orders.Api", "Billing.Worker": "src/Billing.Worker"}


def test_one_web_project_alone_is_the_application(tmp_path: Path) -> None:
    files = {
        "Blog.csproj": _csproj(),
        "Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\n",
    }
    doc = _doc(write(tmp_path / "blog", files))
    assert _built(doc) == {"blog": ""}
