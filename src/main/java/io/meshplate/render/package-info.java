/** Rendering: FreeMarker templates and overlay values into an in-memory tree of object files. */
package io.meshplate.render;
