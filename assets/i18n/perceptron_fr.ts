<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Try:&lt;/b&gt; press &lt;b&gt;Play&lt;/b&gt; (Space) on XOR: the perceptron&apos;s line never settles. Switch to AND, OR or NAND: it converges in a few epochs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Why:&lt;/b&gt; a perceptron draws one straight line. On XOR no line puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other: the best any line does is 3 of the 4 corners, so the perceptron rule keeps correcting and its weights cycle.&lt;/p&gt;&lt;p&gt;One hidden layer fixes it: the MLP&apos;s hidden neurons move the corners to a space where one line does separate them (hidden width 2 shows that space).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Essayez :&lt;/b&gt; appuyez sur &lt;b&gt;Lecture&lt;/b&gt; (Espace) avec XOR : la droite du perceptron ne se stabilise jamais. Passez à ET, OU ou NAND : il converge en quelques époques.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Pourquoi :&lt;/b&gt; un perceptron trace une seule droite. Pour XOR, aucune droite ne met (0,1) et (1,0) d&apos;un côté et (0,0) et (1,1) de l&apos;autre : la meilleure droite classe au mieux 3 des 4 coins, donc la règle du perceptron corrige sans fin et ses poids tournent en rond (limites du perceptron).&lt;/p&gt;&lt;p&gt;Une couche cachée résout le problème : les neurones cachés du MLP envoient les coins dans un espace où une droite les sépare (une largeur cachée de 2 montre cet espace).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Perceptron</source>
        <translation>Perceptron</translation>
    </message>
    <message>
        <source>MLP regions</source>
        <translation>Régions du MLP</translation>
    </message>
    <message>
        <source>Hidden space</source>
        <translation>Espace caché</translation>
    </message>
    <message>
        <source>Perceptron errors</source>
        <translation>Erreurs du perceptron</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>mal classés</translation>
    </message>
    <message>
        <source>Perceptron weights</source>
        <translation>Poids du perceptron</translation>
    </message>
    <message>
        <source>examples ago</source>
        <translation>exemples écoulés</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>MLP loss</source>
        <translation>Perte du MLP</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>erreurs</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>w = 0: all called class 1 (orange)</source>
        <translation>w = 0 : tout est classé 1 (orange)</translation>
    </message>
    <message>
        <source>w = 0: all called class 0 (blue)</source>
        <translation>w = 0 : tout est classé 0 (bleu)</translation>
    </message>
    <message>
        <source>Set the hidden width to 2
to see the hidden space.</source>
        <translation>Réglez la largeur cachée sur 2
pour voir l&apos;espace caché.</translation>
    </message>
    <message>
        <source>converged at epoch {epoch}: every point right.</source>
        <translation>a convergé à l&apos;époque {epoch} : tous les points sont bien classés.</translation>
    </message>
    <message>
        <source>{right} of {n} right. &lt;b&gt;Not converging:&lt;/b&gt; no line separates XOR; at best 3 of the 4 corners. The weights cycle.</source>
        <translation>{right} sur {n} bien classés. &lt;b&gt;Pas de convergence :&lt;/b&gt; aucune droite ne sépare XOR ; au mieux 3 des 4 coins. Les poids tournent en rond.</translation>
    </message>
    <message>
        <source>{right} of {n} right.</source>
        <translation>{right} sur {n} bien classés.</translation>
    </message>
    <message>
        <source>loss {loss}, accuracy {accuracy}; all right since epoch {epoch}.</source>
        <translation>perte {loss}, précision {accuracy} ; tout est bien classé depuis l&apos;époque {epoch}.</translation>
    </message>
    <message>
        <source>loss {loss}, accuracy {accuracy}.</source>
        <translation>perte {loss}, précision {accuracy}.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Epoch {epoch}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Perceptron:&lt;/b&gt; {perceptron}&lt;/p&gt;&lt;p&gt;&lt;b&gt;MLP:&lt;/b&gt; {mlp}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Époque {epoch}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Perceptron :&lt;/b&gt; {perceptron}&lt;/p&gt;&lt;p&gt;&lt;b&gt;MLP :&lt;/b&gt; {mlp}&lt;/p&gt;</translation>
    </message>
</context>
</TS>
