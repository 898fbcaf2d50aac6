/*
 * The stemmer of the Bulgarian site's search, in the browser: the JavaScript twin of
 * book/_ext/bulgarian_stemmer.py, which documents the rules (Savoy's light Bulgarian stemmer,
 * J. Savoy, "Searching strategies for the Bulgarian language", Information Retrieval 10,
 * 2007, with three additions of the book; the English Snowball stemmer for Latin script).
 * Both must give the same stem to every word (tests/test_bulgarian_stemmer.py).
 *
 * book/_ext/bulgarian_search.py puts this file into the site's language_data.js after
 * Sphinx's Snowball EnglishStemmer, and defines Stemmer, which searchtools.js uses, as
 * BookStemmer with the site's stop words and the Cyrillic spellings of Latin names.
 */

var BookStemmer = (function () {
  "use strict";

  const CYRILLIC = /[\u0400-\u04ff]/;
  const VOWELS = "аъоуеиюяѝ";
  const CONSONANTS = "бвгджзклмнпрстфхцчшщ"; // without "й"

  const endsWith = (word, ...endings) => endings.some((e) => word.endsWith(e));
  const fromEnd = (word, k) => word[word.length - k]; // the k-th letter from the end

  // Addition: a final "та" is an ending after a vowel, "т" or "щ", else "т" + article "а".
  const articleTa = (word) =>
    word.endsWith("та") && (VOWELS.includes(fromEnd(word, 3)) || "тщ".includes(fromEnd(word, 3)));

  function removeArticle(word) {
    if (word.length > 6 && word.endsWith("ият")) return word.slice(0, -3);
    if (word.length > 5 && (endsWith(word, "ът", "то", "те", "ия") || articleTa(word))) {
      return word.slice(0, -2);
    }
    if (word.length > 4 && word.endsWith("ят")) return word.slice(0, -2);
    return word;
  }

  function removePlural(word) {
    if (word.length > 6) {
      if (endsWith(word, "овци", "ове")) return word.slice(0, -3);
      if (word.endsWith("еве")) return word.slice(0, -3) + "й";
    }
    if (word.length > 5) {
      if (word.endsWith("ища")) return word.slice(0, -3);
      if (articleTa(word)) return word.slice(0, -2);
      if (word.endsWith("ци")) return word.slice(0, -2) + "к";
      if (word.endsWith("зи")) return word.slice(0, -2) + "г";
      if (fromEnd(word, 3) === "е" && fromEnd(word, 1) === "и") {
        return word.slice(0, -3) + "я" + fromEnd(word, 2);
      }
    }
    if (word.length > 4) {
      if (word.endsWith("си")) return word.slice(0, -2) + "х";
      if (word.endsWith("и")) return word.slice(0, -1);
    }
    return word;
  }

  function removeFinalVowel(word) {
    if (word.length > 3) {
      if (word.endsWith("я")) word = word.slice(0, -1);
      if (endsWith(word, "а", "о", "е")) word = word.slice(0, -1);
    }
    return word;
  }

  // Addition: the "и" that the rules above leave of "-ия", "-ие" and "-ии".
  function removeFinalI(word) {
    return word.length > 4 && word.endsWith("и") ? word.slice(0, -1) : word;
  }

  function rewriteEndings(word) {
    if (word.length > 4 && word.endsWith("ен")) word = word.slice(0, -2) + "н";
    if (word.length > 5 && fromEnd(word, 2) === "ъ") word = word.slice(0, -2) + fromEnd(word, 1);
    return word;
  }

  // Addition: the adjective suffix "н" after a consonant ("градиентн" -> "градиент").
  function removeAdjectiveN(word) {
    if (word.length > 5 && word.endsWith("н") && CONSONANTS.includes(fromEnd(word, 2))) {
      return word.slice(0, -1);
    }
    return word;
  }

  function stemBulgarian(word) {
    if (word.length < 4) return word;
    if (word.length > 5 && word.endsWith("ища")) return word.slice(0, -3);
    word = removeArticle(word);
    word = removePlural(word);
    word = removeFinalVowel(word);
    word = removeFinalI(word);
    word = rewriteEndings(word);
    return removeAdjectiveN(word);
  }

  // stopWords: a Set; cyrillicSpellings: {"адам": "adam", ...}.
  return function BookStemmer(stopWords, cyrillicSpellings) {
    const english = new EnglishStemmer();
    this.stemWord = function (word) {
      word = word.toLowerCase();
      if (stopWords.has(word)) return word;
      if (Object.prototype.hasOwnProperty.call(cyrillicSpellings, word)) {
        word = cyrillicSpellings[word];
      }
      return CYRILLIC.test(word) ? stemBulgarian(word) : english.stemWord(word);
    };
  };
})();
