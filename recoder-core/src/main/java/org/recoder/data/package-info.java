/**
 * Interaction data: the frozen two-way {@link org.recoder.data.IdIndex}, the canonical immutable CSR
 * {@link org.recoder.data.Interactions} and the raw {@link org.recoder.data.EventLog} readers produce.
 */
package org.recoder.data;
