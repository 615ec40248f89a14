"""Step 2 for images: every image of the content folder is probed (in parallel processes when
there are many; a probe is reused while the file's digest is unchanged) and planned as the files
published of it (civicsite.images), and the site's icons are planned. Problems are reported on
the image's own file, once, however many pages show it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from civicsite.content.discover import SourceFile
from civicsite.content.urls import asset_path
from civicsite.core.digest import digest
from civicsite.core.errors import Diagnostics
from civicsite.core.messages import N_, _, translate
from civicsite.core.parallel import process_map
from civicsite.images.probe import IMAGE_SUFFIXES, ImageProblem, Probe, advice, probe
from civicsite.images.variants import Icons, Picture, initials, plan_icons, plan_picture

FIELD = N_("image")  # the problems' field: `content/bilder/foto.jpg:1: image: …`
MIN_PROBES = 8   # probes in parallel processes from this many on (each takes a few milliseconds)


@dataclass
class ImageProbes:
    """Probes by the digest of the file's bytes: the last build's, and this build's."""

    previous: dict[str, Probe] = field(default_factory=dict)
    current: dict[str, Probe] = field(default_factory=dict)


def is_image(asset: SourceFile) -> bool:
    return asset.rel.suffix.lower() in IMAGE_SUFFIXES


def load_pictures(assets: list[SourceFile], digests: Mapping[str, str], probes: ImageProbes,
                  logo: Optional[str], jobs: int, diag: Diagnostics) -> dict[str, Picture]:
    """Path inside the content folder → Picture, for every image that can be published.
    ``digests``: the digest of each file's bytes, where the caller knows it already."""
    images = [a for a in assets if is_image(a)]
    found: dict[int, tuple[str, Probe]] = {}
    todo = []
    for i, asset in enumerate(images):
        known = digests.get(asset.key)
        if known is not None and known in probes.previous:
            found[i] = known, probes.previous[known]
        else:
            todo.append(i)
    for i, file_digest, result in process_map(_probe_one, images, todo, jobs,
                                              min_items=MIN_PROBES):
        if isinstance(result, Probe):
            found[i] = file_digest, result
        else:
            diag.error(images[i].display, 1, translate(FIELD), result)
    pictures = {}
    for i, (file_digest, result) in sorted(found.items()):
        asset = images[i]
        probes.current[file_digest] = result
        warning = advice(result)
        if warning:
            diag.warn(asset.display, 1, translate(FIELD), warning)
        pictures[asset.key] = plan_picture(asset.key, asset_path(asset), file_digest, result,
                                           logo=asset.key == logo)
    return pictures


def _probe_one(images: list[SourceFile], index: int) -> tuple[int, str, Probe | str]:
    """(index, digest of the file, its probe or what is wrong with it): in a worker process."""
    src = images[index]
    try:
        raw = src.abs.read_bytes()
        return index, digest(raw), probe(src.abs)
    except ImageProblem as problem:
        return index, "", str(problem)
    except OSError as exc:
        return index, "", _("the file cannot be read ({reason})", reason=exc.strerror or exc)


def site_icons(title: str, color: str, logo: Optional[str],
               pictures: Mapping[str, Picture]) -> Icons:
    """The favicon and touch icon: from the logo when it could be read, else drawn."""
    picture = pictures.get(logo) if logo else None
    if picture is None:
        return plan_icons(None, "", initials(title), color)
    return plan_icons(picture.source, picture.digest, initials(title), color)


def copied(asset: SourceFile, pictures: Mapping[str, Picture]) -> bool:
    """Whether the file is published as it is (a raster image is published as its versions)."""
    picture = pictures.get(asset.key)
    return picture is None or not picture.variants
