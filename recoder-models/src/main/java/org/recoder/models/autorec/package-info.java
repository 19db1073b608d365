/** AutoRec, item- and user-based (Sedhain et al., WWW 2015): explicit ratings, masked squared error. */
package org.recoder.models.autorec;
