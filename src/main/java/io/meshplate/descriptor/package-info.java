/** Tenant descriptors: the model, the JSON Schema check, the semantic rules and loading them all. */
package io.meshplate.descriptor;
