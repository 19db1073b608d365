/** EASE (Steck, WWW 2019): the closed-form item-item autoencoder, its trainer and hyperparameters. */
package org.recoder.models.ease;
