#!/usr/bin/env python3
"""Publishes .nupkg files into a static NuGet v3 feed (a folder that a web server serves as it is), as `dotnet nuget
push --skip-duplicate` does to a feed server: a version already there is left alone, because versions are immutable.

    nuget-feed.py FEED_DIR BASE_URL [PACKAGE.nupkg...]

Writes, under FEED_DIR, what NuGet clients read at BASE_URL:
  v3/index.json                                   the service index
  v3-flatcontainer/{id}/index.json                every version of an id (PackageBaseAddress/3.0.0: restore, tool install)
  v3-flatcontainer/{id}/{version}/{id}.{version}.nupkg and {id}.nuspec
  v3/registration/{id}/index.json                 metadata of each version (RegistrationsBaseUrl/3.6.0: the latest
                                                  version for `dotnet add package` and `dotnet tool install` without one)
  v3/search.json                                  every package (SearchQueryService, served at v3/search: a static
                                                  file, so it lists everything whatever the query)
Ids and versions are lower case in paths, as the protocol asks. Each file is replaced whole (write, then rename), so a
client never reads half a file. Builds of uncommitted changes (.local in the version) are kept 5 deep per id.
"""
import json, os, re, shutil, sys, tempfile, time, zipfile
import xml.etree.ElementTree as ET

KEEP_LOCAL = 5


def semver_key(version):
    """Sort key of a SemVer 2.0 version as NuGet orders them: release above its pre-releases, numbers as numbers."""
    core, _, pre = version.split("+")[0].partition("-")
    parts = [int(p) for p in core.split(".")] + [0] * (4 - len(core.split(".")))
    ids = [(0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in pre.split(".")] if pre else []
    return (parts, 0 if pre else 1, ids)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data if isinstance(data, bytes) else json.dumps(data, indent=1).encode())
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def nuspec_of(nupkg):
    with zipfile.ZipFile(nupkg) as z:
        name = next(n for n in z.namelist() if "/" not in n and n.endswith(".nuspec"))
        return z.read(name)


def metadata(nuspec):
    meta = next(e for e in ET.fromstring(nuspec) if e.tag.endswith("metadata"))
    text = lambda tag: next((e.text or "" for e in meta if e.tag.split("}")[-1] == tag), "")
    groups = [{"targetFramework": g.get("targetFramework", ""),
               "dependencies": [{"id": d.get("id"), "range": d.get("version", "")} for d in g]}
              for deps in meta if deps.tag.endswith("dependencies") for g in deps]
    types = [t.get("name") for e in meta if e.tag.endswith("packageTypes") for t in e]
    return {"id": text("id"), "version": text("version"), "description": text("description"),
            "authors": text("authors"), "tags": text("tags").split(), "projectUrl": text("projectUrl"),
            "licenseExpression": text("license"), "dependencyGroups": groups, "packageTypes": types or ["Dependency"]}


def index_id(feed, base, lid):
    """Rewrites the flat-container version list and the registration of one id from the packages on disk."""
    flat = os.path.join(feed, "v3-flatcontainer", lid)
    versions = sorted((v for v in os.listdir(flat) if os.path.exists(os.path.join(flat, v, f"{lid}.{v}.nupkg"))),
                      key=semver_key)
    write(os.path.join(flat, "index.json"), {"versions": versions})
    if not versions:
        return []
    registration = f"{base}/v3/registration/{lid}/index.json"
    leaves = []
    for v in versions:
        with open(os.path.join(flat, v, f"{lid}.nuspec"), "rb") as f:
            m = metadata(f.read())
        content = f"{base}/v3-flatcontainer/{lid}/{v}/{lid}.{v}.nupkg"
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(os.path.getmtime(os.path.join(flat, v))))
        entry = {k: m[k] for k in ("id", "version", "description", "authors", "tags", "projectUrl", "licenseExpression",
                                   "dependencyGroups")}
        leaves.append({"@id": f"{base}/v3/registration/{lid}/{v}.json", "@type": "Package", "packageContent": content,
                       "registration": registration, "packageTypes": m["packageTypes"],
                       "catalogEntry": {"@id": f"{registration}#{v}", "@type": "PackageDetails", "listed": True,
                                        "published": published, "packageContent": content, **entry}})
    page = {"@id": f"{registration}#page/{versions[0]}/{versions[-1]}", "count": len(leaves),
            "lower": versions[0], "upper": versions[-1], "parent": registration, "items": leaves}
    write(os.path.join(feed, "v3", "registration", lid, "index.json"),
          {"@id": registration, "@type": ["catalog:CatalogRoot", "PackageRegistration"], "count": 1, "items": [page]})
    return leaves


def main(feed, base, nupkgs):
    os.umask(0o022)  # the web server reads the feed as another user
    base = base.rstrip("/")
    write(os.path.join(feed, "v3", "index.json"), {"version": "3.0.0", "resources": [
        {"@id": f"{base}/v3-flatcontainer/", "@type": "PackageBaseAddress/3.0.0"},
        {"@id": f"{base}/v3/registration/", "@type": "RegistrationsBaseUrl/3.6.0"},
        {"@id": f"{base}/v3/search", "@type": "SearchQueryService/3.5.0"},
        {"@id": f"{base}/v3/search", "@type": "SearchQueryService/3.0.0-beta"}]})
    for nupkg in nupkgs:
        nuspec = nuspec_of(nupkg)
        m = metadata(nuspec)
        lid, lver = m["id"].lower(), m["version"].lower()
        folder = os.path.join(feed, "v3-flatcontainer", lid, lver)
        target = os.path.join(folder, f"{lid}.{lver}.nupkg")
        if os.path.exists(target):
            print(f"feed:     {m['id']} {m['version']} already on the feed (versions are immutable)")
            continue
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, f"{lid}.nuspec"), nuspec)
        with open(nupkg, "rb") as f:
            write(target, f.read())
        print(f"feed:     pushed {m['id']} {m['version']} ({os.path.getsize(target) // 1024} KiB)")
        locals_ = sorted((v for v in os.listdir(os.path.dirname(folder)) if ".local" in v),
                         key=lambda v: os.path.getmtime(os.path.join(os.path.dirname(folder), v)))
        for old in locals_[:-KEEP_LOCAL]:
            shutil.rmtree(os.path.join(os.path.dirname(folder), old))
            print(f"feed:     removed {m['id']} {old} (a build of uncommitted changes; {KEEP_LOCAL} are kept)")
    flat = os.path.join(feed, "v3-flatcontainer")
    search = []
    for lid in sorted(os.listdir(flat)) if os.path.isdir(flat) else []:
        leaves = index_id(feed, base, lid)
        if not leaves:
            continue
        latest = leaves[-1]["catalogEntry"]
        search.append({"@id": leaves[-1]["registration"], "@type": "Package", "registration": leaves[-1]["registration"],
                       "id": latest["id"], "version": latest["version"], "description": latest["description"],
                       "authors": [latest["authors"]], "tags": latest["tags"], "projectUrl": latest["projectUrl"],
                       "totalDownloads": 0, "verified": False,
                       "packageTypes": [{"name": t} for t in leaves[-1]["packageTypes"]],
                       "versions": [{"version": l["catalogEntry"]["version"], "downloads": 0, "@id": l["@id"]}
                                    for l in leaves]})
    write(os.path.join(feed, "v3", "search.json"), {"totalHits": len(search), "data": search})


if __name__ == "__main__":
    if len(sys.argv) < 3 or not re.match(r"^https?://", sys.argv[2]):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
