/** Publishing the rendered output into a separate GitOps repository as one commit. */
package io.meshplate.publish;
