/** Configuration errors shared by every module's validating loader. */
package io.watchfloor.core.config;
