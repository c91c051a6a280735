"""File storage that never leaves a partly written file behind (docs/operations.md).

Django's FileSystemStorage writes an upload straight to its final name; when the disk
fills up (ENOSPC) or the quota is reached midway, the truncated file stays there although
no database row points to it. `AtomicFileSystemStorage` writes into a hidden temporary
file in the target directory, flushes it to disk and only then links it under its final
name (a hard link fails instead of overwriting, like Django's O_EXCL); the temporary file
is removed whatever happens. A full disk therefore leaves the storage as it was, and the
error reaches `core.errors.server_error`, which answers it with the "storage full" page.
"""

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage

# Mode of a stored file when FILE_UPLOAD_PERMISSIONS is unset (Django: 0o666 minus umask).
DEFAULT_FILE_MODE = 0o644


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as target:
                for chunk in content.chunks():
                    target.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                target.flush()
                os.fsync(target.fileno())
            os.chmod(temporary, self.file_permissions_mode or DEFAULT_FILE_MODE)
            while True:
                try:
                    os.link(temporary, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
