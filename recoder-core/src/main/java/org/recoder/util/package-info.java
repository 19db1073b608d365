/** Small shared utilities: the worker pool. */
package org.recoder.util;
