package io.meshplate.overlay;

import io.meshplate.manifest.ObjectKey;

/**
 * One patch applied to one object, for {@code meshplate explain --object}.
 *
 * @param object the object after the patch (before it, when the patch deleted it)
 * @param patch the patch; {@link Patch#origin()} names its file and line
 * @param deleted whether the patch removed the object ({@code $patch: delete})
 */
record PatchApplication(ObjectKey object, Patch patch, boolean deleted) {}
