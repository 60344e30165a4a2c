/**
 * The root of Tatra's core: the one JSON mapper (Json), the user-error exception (TatraException, exit 2) and the home directory. Imports nothing else of Tatra.
 */
package io.tatra;
