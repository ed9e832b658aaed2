"""Analyse: sentences, entities, time expressions, quotes and event mentions of one article."""
from dateline.analyse.article import ArticleAnalysis, EventMention, analyse_text
from dateline.analyse.nlp import load_nlp

__all__ = ["ArticleAnalysis", "EventMention", "analyse_text", "load_nlp"]
