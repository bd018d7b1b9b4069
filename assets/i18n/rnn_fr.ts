<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Unroll</source>
        <translation>Dépliage</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Memory race</source>
        <translation>Course de mémoire</translation>
    </message>
    <message>
        <source>CNN vs RNN</source>
        <translation>CNN ou RNN</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Playing the unroll: one step every 0.4 s</source>
        <translation>Lecture du dépliage : un pas toutes les 0,4 s</translation>
    </message>
    <message>
        <source>Unroll paused</source>
        <translation>Dépliage en pause</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Époque {epoch}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>perte {loss}</translation>
    </message>
    <message>
        <source>accuracy {accuracy}</source>
        <translation>précision {accuracy}</translation>
    </message>
    <message>
        <source>{cell} on {task}</source>
        <translation>{cell} sur {task}</translation>
    </message>
    <message>
        <source>Memory race, {progress}: {current}</source>
        <translation>Course de mémoire, {progress} : {current}</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>pas commencée</translation>
    </message>
    <message>
        <source>longest T learned</source>
        <translation>plus grand T appris</translation>
    </message>
    <message>
        <source>Press “{start}”: each cell trains on the memory task for T = 5, 10, 20, 30, 40, 50 until it fails to reach 90% recall within the budget.</source>
        <translation>Appuyez sur « {start} » : chaque cellule s&apos;entraîne sur la tâche de mémoire pour T = 5, 10, 20, 30, 40, 50, jusqu&apos;à ce qu&apos;elle n&apos;atteigne plus 90 % de rappel dans le budget d&apos;époques.</translation>
    </message>
    <message>
        <source>{title} ({budget} epochs per run, this machine)</source>
        <translation>{title} ({budget} époques par essai, mesuré ici)</translation>
    </message>
    <message>
        <source>✓ {epochs} ep</source>
        <translation>✓ {epochs} ép.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <source>Set the task to “{task}” and press Play to train on this text.</source>
        <translation>Choisissez la tâche « {task} » et appuyez sur Lecture pour entraîner sur ce texte.</translation>
    </message>
    <message>
        <source>Characters: next character of a text</source>
        <translation>Caractères : caractère suivant d&apos;un texte</translation>
    </message>
    <message>
        <source>Training text: {n} characters. Press Play to train; the sample below is rewritten every second.</source>
        <translation>Texte d&apos;entraînement : {n} caractères. Appuyez sur Lecture pour entraîner ; l&apos;échantillon ci-dessous est réécrit chaque seconde.</translation>
    </message>
    <message>
        <source>cautious, repetitive</source>
        <translation>prudent, répétitif</translation>
    </message>
    <message>
        <source>adventurous</source>
        <translation>aventureux</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>équilibré</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not used:&lt;/b&gt; {reason}. The model keeps its current text.</source>
        <translation>&lt;b&gt;Non utilisé :&lt;/b&gt; {reason}. Le modèle garde son texte actuel.</translation>
    </message>
    <message>
        <source>Training text: {n} characters. {note}</source>
        <translation>Texte d&apos;entraînement : {n} caractères. {note}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not opened:&lt;/b&gt; {reason}. The model keeps its current text.</source>
        <translation>&lt;b&gt;Non ouvert :&lt;/b&gt; {reason}. Le modèle garde son texte actuel.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; at epoch {epoch}, temperature {temperature}, after “{prime}”:</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; à l&apos;époque {epoch}, température {temperature}, après « {prime} » :</translation>
    </message>
    <message>
        <source>the typed text</source>
        <translation>le texte saisi</translation>
    </message>
    <message>
        <source>Open a text</source>
        <translation>Ouvrir un texte</translation>
    </message>
    <message>
        <source>Text (*.txt *.md);;All files (*)</source>
        <translation>Texte (*.txt *.md);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>loss · accuracy</source>
        <translation>perte · précision</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>précision</translation>
    </message>
    <message>
        <source>time step t</source>
        <translation>pas de temps t</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>prédiction</translation>
    </message>
    <message>
        <source>input step s</source>
        <translation>pas d&apos;entrée s</translation>
    </message>
    <message>
        <source>p(target)</source>
        <translation>p(cible)</translation>
    </message>
    <message>
        <source>epoch {epoch}, step {t}: ‖∂L/∂h_{t}‖ = {value}</source>
        <translation>époque {epoch}, pas {t} : ‖∂L/∂h_{t}‖ = {value}</translation>
    </message>
    <message>
        <source>the gradient &lt;b&gt;vanishes&lt;/b&gt; on its way back: {n} orders of magnitude lost</source>
        <translation>le gradient &lt;b&gt;disparaît&lt;/b&gt; en remontant le temps : {n} ordres de grandeur perdus</translation>
    </message>
    <message>
        <source>the gradient &lt;b&gt;explodes&lt;/b&gt; on its way back: {n} orders of magnitude gained</source>
        <translation>le gradient &lt;b&gt;explose&lt;/b&gt; en remontant le temps : {n} ordres de grandeur gagnés</translation>
    </message>
    <message>
        <source>no gradient reaches the first step (truncation)</source>
        <translation>aucun gradient n&apos;atteint le premier pas (troncature)</translation>
    </message>
    <message>
        <source>the gradient reaches the first step</source>
        <translation>le gradient atteint le premier pas</translation>
    </message>
    <message>
        <source>Clipping cut {fraction} of the last 100 updates.</source>
        <translation>L&apos;écrêtage a réduit {fraction} des 100 dernières mises à jour.</translation>
    </message>
    <message>
        <source>Epoch {epoch}: ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ = {ratio}: {verdict} over {steps} steps.</source>
        <translation>Époque {epoch} : ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ = {ratio} : {verdict} sur {steps} pas.</translation>
    </message>
    <message>
        <source>{title}, output step t = {t}</source>
        <translation>{title}, pas de sortie t = {t}</translation>
    </message>
    <message>
        <source>pre-activation</source>
        <translation>pré-activation</translation>
    </message>
    <message>
        <source>i, f, o = σ(·), g = tanh(·) of W&lt;sub&gt;h&lt;/sub&gt;h + W&lt;sub&gt;x&lt;/sub&gt;x + b</source>
        <translation>i, f, o = σ(·), g = tanh(·) appliquées à W&lt;sub&gt;h&lt;/sub&gt;h + W&lt;sub&gt;x&lt;/sub&gt;x + b</translation>
    </message>
    <message>
        <source>input gate i</source>
        <translation>porte d&apos;entrée i</translation>
    </message>
    <message>
        <source>forget gate f</source>
        <translation>porte d&apos;oubli f</translation>
    </message>
    <message>
        <source>candidate g</source>
        <translation>candidat g</translation>
    </message>
    <message>
        <source>output gate o</source>
        <translation>porte de sortie o</translation>
    </message>
    <message>
        <source>reset gate r</source>
        <translation>porte de réinitialisation r</translation>
    </message>
    <message>
        <source>update gate z</source>
        <translation>porte de mise à jour z</translation>
    </message>
    <message>
        <source>candidate n</source>
        <translation>candidat n</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Step {t}&lt;/b&gt;: {equation}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Pas {t}&lt;/b&gt; : {equation}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unité</translation>
    </message>
    <message>
        <source>{title} (colour ±{scale})</source>
        <translation>{title} (couleurs ±{scale})</translation>
    </message>
    <message>
        <source>{name} (torch&apos;s name)</source>
        <translation>{name} (le nom dans torch)</translation>
    </message>
</context>
</TS>
