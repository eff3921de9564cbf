/** Overlays: platform values per environment and cluster, their chains, and what they add to rendering. */
package io.meshplate.overlay;
